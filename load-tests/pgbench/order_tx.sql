-- One checkout's write as Surge's R2dbcOrders.place does it: one statement (atomic on its own, no BEGIN or
-- COMMIT round trips) that checks every line's price, product and vendor against the catalog and writes the
-- order with its payment (the PaymentIntent is created before it), its lines (three, two vendors), its
-- sub-orders (one per vendor) and its outbox events (the order's status and one suborder.created per vendor).
-- Run with -M prepared (the R2DBC driver binds parameters too); the catalog rows come from pgbench/seed.sql.
\set cents 1000
SELECT gen_random_uuid() AS order_id, gen_random_uuid() AS cart_id, gen_random_uuid() AS reservation_id,
       gen_random_uuid() AS sub_a, gen_random_uuid() AS sub_b \gset
WITH placed AS (
    INSERT INTO orders (id, customer_id, order_token_hash, email, shipping_address, country, currency, status,
                        subtotal_minor, tax_minor, shipping_minor, total_minor, reservation_id, reservation_expires_at,
                        placed_at, cart_id, payment_intent_id, client_secret)
    SELECT :order_id::uuid, NULL, 'sha256-of-the-order-token-0123456789abcdef0123456789abcdef', 'load@example.com',
           '{"name":"Load Test","city":"Berlin","country":"DE"}'::jsonb, 'DE', 'EUR', 'PENDING_PAYMENT',
           3 * :cents, 570, 990, 3 * :cents + 570 + 990, :reservation_id::uuid, now() + interval '15 minutes',
           now(), :cart_id::uuid, 'pi_' || replace(:order_id::text, '-', ''),
           'pi_' || replace(:order_id::text, '-', '') || '_secret_0123456789abcdef'
    WHERE (SELECT count(*) FROM unnest(ARRAY['BENCH-1', 'BENCH-2', 'BENCH-3']::text[],
                                       ARRAY[:cents, :cents, :cents]::bigint[]) AS l(sku, amount)
           JOIN prices pr ON pr.sku = l.sku AND pr.currency = 'EUR' AND pr.amount_minor = l.amount
           JOIN variants va ON va.sku = l.sku
           JOIN products p ON p.id = va.product_id AND p.status = 'APPROVED'
           JOIN vendors ve ON ve.id = p.vendor_id AND ve.status = 'APPROVED') = 3
    ON CONFLICT (id) DO NOTHING
    RETURNING id
), lines AS (
    INSERT INTO order_lines (order_id, line_no, sku, product_id, vendor_id, name, quantity, unit_price_minor,
                             line_total_minor, tax_minor)
    SELECT placed.id, l.*
    FROM placed, unnest(ARRAY[1, 2, 3]::int[], ARRAY['BENCH-1', 'BENCH-2', 'BENCH-3']::text[],
                        ARRAY['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b',
                              '00000000-0000-4000-8000-00000000000c']::uuid[],
                        ARRAY['11111111-1111-4111-8111-111111111111', '11111111-1111-4111-8111-111111111111',
                              '22222222-2222-4222-8222-222222222222']::uuid[],
                        ARRAY['Mug', 'Planner', 'Hammock']::text[], ARRAY[1, 1, 1]::int[],
                        ARRAY[:cents, :cents, :cents]::bigint[], ARRAY[:cents, :cents, :cents]::bigint[],
                        ARRAY[190, 190, 190]::bigint[]) AS l
), subs AS (
    INSERT INTO sub_orders (id, order_id, vendor_id, status, subtotal_minor, tax_minor, shipping_minor, total_minor,
                            commission_bps, commission_minor, stripe_account_id)
    SELECT s.id, placed.id, s.vendor, 'PENDING', s.subtotal, s.tax, s.shipping, s.total, s.bps, s.commission,
           s.account
    FROM placed, unnest(ARRAY[:sub_a, :sub_b]::uuid[],
                        ARRAY['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222']::uuid[],
                        ARRAY[2 * :cents, :cents]::bigint[], ARRAY[380, 190]::bigint[], ARRAY[495, 495]::bigint[],
                        ARRAY[2 * :cents + 875, :cents + 685]::bigint[], ARRAY[1200, 1500]::int[],
                        ARRAY[(2 * :cents + 875) * 12 / 100, (:cents + 685) * 15 / 100]::bigint[],
                        ARRAY['acct_bench_a', 'acct_bench_b']::text[])
         AS s(id, vendor, subtotal, tax, shipping, total, bps, commission, account)
), events AS (
    INSERT INTO outbox (event_id, type, order_id, vendor_id, payload)
    SELECT e.event_id, e.type, placed.id, e.vendor, e.payload
    FROM placed, unnest(ARRAY[gen_random_uuid(), gen_random_uuid(), gen_random_uuid()]::uuid[],
                        ARRAY['order.status', 'suborder.created', 'suborder.created']::text[],
                        ARRAY[NULL, '11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222']::uuid[],
                        ARRAY['{"status":"PENDING_PAYMENT"}',
                              '{"subOrderId":"a","lines":[{"sku":"BENCH-1","quantity":1},{"sku":"BENCH-2","quantity":1}]}',
                              '{"subOrderId":"b","lines":[{"sku":"BENCH-3","quantity":1}]}']::jsonb[])
         AS e(event_id, type, vendor, payload)
)
SELECT count(*) AS placed FROM placed;
