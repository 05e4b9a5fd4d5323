-- What order_tx.sql's order needs in the catalog: the two vendors its sub-orders are for (sub_orders.vendor_id
-- references vendors) and the three SKUs its price guard checks (approved products, EUR prices).
INSERT INTO vendors (id, name, status, commission_bps, stripe_account_id)
VALUES ('11111111-1111-4111-8111-111111111111', 'Bench Vendor A', 'APPROVED', 1200, 'acct_bench_a'),
       ('22222222-2222-4222-8222-222222222222', 'Bench Vendor B', 'APPROVED', 1500, 'acct_bench_b');
INSERT INTO products (id, vendor_id, name, category, status)
VALUES ('00000000-0000-4000-8000-00000000000a', '11111111-1111-4111-8111-111111111111', 'Mug', 'kitchen', 'APPROVED'),
       ('00000000-0000-4000-8000-00000000000b', '11111111-1111-4111-8111-111111111111', 'Planner', 'paper', 'APPROVED'),
       ('00000000-0000-4000-8000-00000000000c', '22222222-2222-4222-8222-222222222222', 'Hammock', 'garden', 'APPROVED');
INSERT INTO variants (sku, product_id, name, tax_class)
VALUES ('BENCH-1', '00000000-0000-4000-8000-00000000000a', 'Mug', 'STANDARD'),
       ('BENCH-2', '00000000-0000-4000-8000-00000000000b', 'Planner', 'STANDARD'),
       ('BENCH-3', '00000000-0000-4000-8000-00000000000c', 'Hammock', 'STANDARD');
INSERT INTO prices (sku, currency, amount_minor)
VALUES ('BENCH-1', 'EUR', 1000), ('BENCH-2', 'EUR', 1000), ('BENCH-3', 'EUR', 1000);
