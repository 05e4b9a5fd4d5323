-- The two vendors order_tx.sql writes sub-orders for (sub_orders.vendor_id references vendors).
INSERT INTO vendors (id, name, status, commission_bps, stripe_account_id)
VALUES ('11111111-1111-4111-8111-111111111111', 'Bench Vendor A', 'APPROVED', 1200, 'acct_bench_a'),
       ('22222222-2222-4222-8222-222222222222', 'Bench Vendor B', 'APPROVED', 1500, 'acct_bench_b');
