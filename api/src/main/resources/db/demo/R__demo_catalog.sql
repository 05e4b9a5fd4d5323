-- Demo catalog for the embedded default (profile "demo" only; never applied in external mode).
-- Deterministic: the same ids and SKUs on every start, so README examples work as printed.
-- Idempotent: re-applying it (Flyway re-runs a repeatable migration when it changes) never duplicates rows.

-- The three approved vendors finished their Stripe onboarding (payouts enabled); Sunset Outlet, still waiting
-- for approval, has not opened a payout account yet (its owner can start the onboarding).
INSERT INTO vendors (id, name, status, commission_bps, stripe_account_id, payouts_enabled) VALUES
    ('11111111-1111-4111-8111-111111111111', 'Nordic Goods',      'APPROVED',         1200, 'acct_demoNordicGoods',    true),
    ('22222222-2222-4222-8222-222222222222', 'Atelier Lumiere',   'APPROVED',         1500, 'acct_demoAtelierLumiere', true),
    ('33333333-3333-4333-8333-333333333333', 'Brick Lane Supply', 'APPROVED',         1000, 'acct_demoBrickLane',      true),
    ('44444444-4444-4444-8444-444444444444', 'Sunset Outlet',     'PENDING_APPROVAL', 2000, NULL,                      false)
ON CONFLICT (id) DO UPDATE SET stripe_account_id = EXCLUDED.stripe_account_id, payouts_enabled = EXCLUDED.payouts_enabled
    WHERE vendors.stripe_account_id IS NULL AND EXCLUDED.stripe_account_id IS NOT NULL;
-- Demo data written before payouts were tracked: the onboarded vendors' payouts are on.
UPDATE vendors SET payouts_enabled = true
WHERE stripe_account_id IN ('acct_demoNordicGoods', 'acct_demoAtelierLumiere', 'acct_demoBrickLane')
  AND NOT payouts_enabled;

INSERT INTO categories (slug, name) VALUES
    ('kitchen', 'Kitchen'), ('apparel', 'Apparel'), ('home', 'Home'), ('outdoors', 'Outdoors'),
    ('stationery', 'Stationery')
ON CONFLICT (slug) DO NOTHING;

-- 60 approved products over the three approved vendors, five categories, 1-4 variants each; then one
-- product still waiting for approval and two of the vendor still waiting, which the catalog must not list.
WITH words AS (
    SELECT ARRAY['kitchen', 'apparel', 'home', 'outdoors', 'stationery'] AS categories,
           ARRAY['Coffee Mug', 'Chef Knife', 'Cutting Board', 'Tea Kettle', 'Spice Jar',
                 'T-Shirt', 'Hoodie', 'Wool Socks', 'Rain Jacket', 'Cap',
                 'Throw Blanket', 'Table Lamp', 'Scented Candle', 'Cushion', 'Wall Clock',
                 'Water Bottle', 'Backpack', 'Camping Lantern', 'Hammock', 'Map Case',
                 'Notebook', 'Fountain Pen', 'Desk Organizer', 'Sketchbook', 'Planner'] AS nouns,
           ARRAY['Amber', 'Birch', 'Cobalt', 'Dune', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Indigo', 'Juniper',
                 'Kestrel', 'Linen'] AS adjectives
), numbered AS (
    SELECT i,
           ((i - 1) % 25) / 5 + 1 AS category_no,
           (i - 1) % 25 + 1       AS noun_no,
           (7 * (i - 1)) % 12 + 1 AS adjective_no
    FROM generate_series(1, 63) AS i
)
INSERT INTO products (id, vendor_id, name, description, category, status)
SELECT md5('surge-demo-product-' || n.i)::uuid,
       CASE WHEN n.i > 61 THEN '44444444-4444-4444-8444-444444444444'::uuid
            ELSE (ARRAY['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222',
                        '33333333-3333-4333-8333-333333333333'])[(n.i - 1) % 3 + 1]::uuid END,
       w.adjectives[n.adjective_no] || ' ' || w.nouns[n.noun_no],
       'The ' || lower(w.adjectives[n.adjective_no]) || ' edition of our ' || lower(w.nouns[n.noun_no])
           || ', made to last.',
       w.categories[n.category_no],
       CASE WHEN n.i = 61 THEN 'PENDING_APPROVAL' ELSE 'APPROVED' END
FROM numbered n CROSS JOIN words w
ON CONFLICT (id) DO NOTHING;

WITH variant_rows AS (
    SELECT i, v, md5('surge-demo-product-' || i)::uuid AS product_id,
           'SRG-' || lpad(i::text, 3, '0') || '-' || v AS sku,
           ((i - 1) % 25) / 5 + 1 AS category_no
    FROM generate_series(1, 63) AS i
    CROSS JOIN LATERAL generate_series(1, 1 + i % 4) AS v
)
INSERT INTO variants (sku, product_id, name, tax_class, position)
SELECT sku, product_id,
       CASE WHEN category_no = 2 THEN (ARRAY['Size S', 'Size M', 'Size L', 'Size XL'])[v]
            ELSE (ARRAY['Classic', 'Large', 'Gift Edition', 'Set of Three'])[v] END,
       CASE WHEN category_no = 5 THEN 'REDUCED' ELSE 'STANDARD' END,
       v
FROM variant_rows
ON CONFLICT (sku) DO NOTHING;

-- Prices are set per currency (never converted at request time); endings in 99 like a real shop.
WITH eur AS (
    SELECT va.sku, (500 + (substr(va.sku, 5, 3)::int * 7919) % 9500) / 100 * 100 + 99 + (va.position - 1) * 300 AS amount
    FROM variants va
    WHERE va.sku LIKE 'SRG-%'
)
INSERT INTO prices (sku, currency, amount_minor)
SELECT sku, 'EUR', amount FROM eur
UNION ALL SELECT sku, 'USD', (amount * 108 + 50) / 100 FROM eur
UNION ALL SELECT sku, 'GBP', (amount * 86 + 50) / 100 FROM eur
ON CONFLICT (sku, currency) DO NOTHING;

INSERT INTO stock_levels (sku, on_hand)
SELECT sku, 5 + (abs(hashtext(sku)) % 496)
FROM variants
WHERE sku LIKE 'SRG-%'
ON CONFLICT (sku) DO NOTHING;

-- Illustrative rates: VAT in DE, FR and GB; the US gets one flat sales-tax rate for the demo.
INSERT INTO tax_rates (country, tax_class, rate_bps) VALUES
    ('DE', 'STANDARD', 1900), ('DE', 'REDUCED', 700), ('DE', 'ZERO', 0),
    ('FR', 'STANDARD', 2000), ('FR', 'REDUCED', 550), ('FR', 'ZERO', 0),
    ('GB', 'STANDARD', 2000), ('GB', 'REDUCED', 500), ('GB', 'ZERO', 0),
    ('US', 'STANDARD', 725),  ('US', 'REDUCED', 0),   ('US', 'ZERO', 0)
ON CONFLICT (country, tax_class) DO NOTHING;

INSERT INTO shipping_rates (vendor_id, currency, amount_minor) VALUES
    ('11111111-1111-4111-8111-111111111111', 'EUR', 495), ('11111111-1111-4111-8111-111111111111', 'USD', 595),
    ('11111111-1111-4111-8111-111111111111', 'GBP', 450),
    ('22222222-2222-4222-8222-222222222222', 'EUR', 690), ('22222222-2222-4222-8222-222222222222', 'USD', 790),
    ('22222222-2222-4222-8222-222222222222', 'GBP', 590),
    ('33333333-3333-4333-8333-333333333333', 'EUR', 0),   ('33333333-3333-4333-8333-333333333333', 'USD', 0),
    ('33333333-3333-4333-8333-333333333333', 'GBP', 0),
    ('44444444-4444-4444-8444-444444444444', 'EUR', 900)
ON CONFLICT (vendor_id, currency) DO NOTHING;

-- Who the demo vendors are and who works for them. Roles come from here on every vendor request: sign in
-- (POST /api/v1/dev/tokens) with one of these subjects. The consultant works for two vendors and names the
-- one they act for with the X-Vendor-Id header. Sunset Outlet's owner applied and still waits for approval.
UPDATE vendors SET email = v.email, country = v.country, default_currency = v.currency
FROM (VALUES ('11111111-1111-4111-8111-111111111111'::uuid, 'hello@nordic-goods.example', 'SE', 'EUR'),
             ('22222222-2222-4222-8222-222222222222'::uuid, 'bonjour@atelier-lumiere.example', 'FR', 'EUR'),
             ('33333333-3333-4333-8333-333333333333'::uuid, 'shop@brick-lane.example', 'GB', 'GBP'),
             ('44444444-4444-4444-8444-444444444444'::uuid, 'sales@sunset-outlet.example', 'US', 'USD'))
     AS v(id, email, country, currency)
WHERE vendors.id = v.id AND vendors.email IS NULL;

INSERT INTO vendor_members (vendor_id, subject, role) VALUES
    ('11111111-1111-4111-8111-111111111111', 'nordic-owner',       'OWNER'),
    ('11111111-1111-4111-8111-111111111111', 'nordic-editor',      'EDITOR'),
    ('11111111-1111-4111-8111-111111111111', 'nordic-fulfillment', 'FULFILLMENT'),
    ('22222222-2222-4222-8222-222222222222', 'atelier-owner',      'OWNER'),
    ('22222222-2222-4222-8222-222222222222', 'consultant',         'EDITOR'),
    ('33333333-3333-4333-8333-333333333333', 'bricklane-owner',    'OWNER'),
    ('33333333-3333-4333-8333-333333333333', 'consultant',         'FULFILLMENT'),
    ('44444444-4444-4444-8444-444444444444', 'sunset-owner',       'OWNER')
ON CONFLICT (vendor_id, subject) DO NOTHING;

-- What waits for the operator's review is queued by submission.
UPDATE products SET submitted_at = created_at WHERE status = 'PENDING_APPROVAL' AND submitted_at IS NULL;

-- Commission rules of every kind: each demo vendor's own rate, a category rule with a minimum, a rule for one
-- vendor in one category with a fixed part, and a rate that succeeds another on a date to come. (The
-- marketplace default of 10 % comes with the schema.)
INSERT INTO commission_rules (id, vendor_id, category, rate_bps, fixed, minimum, effective_from) VALUES
    (md5('surge-vendor-rate-11111111-1111-4111-8111-111111111111')::uuid, '11111111-1111-4111-8111-111111111111',
     NULL, 1200, '[]', '[]', '2000-01-01T00:00:00Z'),
    (md5('surge-vendor-rate-22222222-2222-4222-8222-222222222222')::uuid, '22222222-2222-4222-8222-222222222222',
     NULL, 1500, '[]', '[]', '2000-01-01T00:00:00Z'),
    (md5('surge-vendor-rate-33333333-3333-4333-8333-333333333333')::uuid, '33333333-3333-4333-8333-333333333333',
     NULL, 1000, '[]', '[]', '2000-01-01T00:00:00Z'),
    (md5('surge-demo-rule-stationery')::uuid, NULL, 'stationery', 800, '[]',
     '[{"amount": 50, "currency": "EUR"}, {"amount": 60, "currency": "USD"}, {"amount": 45, "currency": "GBP"}]',
     '2000-01-01T00:00:00Z'),
    (md5('surge-demo-rule-atelier-apparel')::uuid, '22222222-2222-4222-8222-222222222222', 'apparel', 1800,
     '[{"amount": 25, "currency": "EUR"}, {"amount": 30, "currency": "USD"}, {"amount": 20, "currency": "GBP"}]',
     '[]', '2000-01-01T00:00:00Z'),
    (md5('surge-demo-rule-bricklane-2027')::uuid, '33333333-3333-4333-8333-333333333333', NULL, 900, '[]', '[]',
     '2027-01-01T00:00:00Z')
ON CONFLICT (id) DO NOTHING;

-- Attributes to filter and facet by: a colour and a material per demo product.
UPDATE products p
SET attributes = jsonb_build_object('color', (ARRAY['black', 'blue', 'green', 'red', 'white'])[i % 5 + 1],
                                    'material', (ARRAY['ceramic', 'cotton', 'steel', 'wood', 'paper'])[(i / 5) % 5 + 1])
FROM generate_series(1, 63) AS i
WHERE p.id = md5('surge-demo-product-' || i)::uuid AND p.attributes = '{}'::jsonb;
