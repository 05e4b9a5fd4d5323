-- A generated catalog for the search benchmark: :products approved products (default 100,000) over the
-- demo's three approved vendors and five categories, names and descriptions from a vocabulary of 40
-- adjectives and 60 nouns, 1-4 variants each priced in EUR, USD and GBP, a colour, a material and a size.
-- Deterministic (no random()): the same catalog on every run. Run with psql -v products=100000.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE words AS SELECT
    ARRAY['Amber','Birch','Cobalt','Dune','Ember','Fjord','Granite','Harbor','Indigo','Juniper','Kestrel','Linen',
          'Maple','Nordic','Olive','Pebble','Quartz','Russet','Slate','Tundra','Umber','Velvet','Willow','Yarrow',
          'Zephyr','Alpine','Basalt','Cedar','Driftwood','Elder','Flint','Glacier','Heather','Iron','Jasper',
          'Kelp','Lichen','Moss','Nettle','Onyx'] AS adjectives,
    ARRAY['Coffee Mug','Chef Knife','Cutting Board','Tea Kettle','Spice Jar','T-Shirt','Hoodie','Wool Socks',
          'Rain Jacket','Cap','Throw Blanket','Table Lamp','Scented Candle','Cushion','Wall Clock','Water Bottle',
          'Backpack','Camping Lantern','Hammock','Map Case','Notebook','Fountain Pen','Desk Organizer','Sketchbook',
          'Planner','Teapot','Salad Bowl','Apron','Oven Mitt','Butter Dish','Scarf','Beanie','Gloves','Sweater',
          'Raincoat','Vase','Picture Frame','Rug','Doormat','Bookend','Tent','Sleeping Bag','Compass','Headlamp',
          'Trekking Pole','Pencil Case','Ink Bottle','Letter Opener','Stapler','Ruler','Serving Tray','Whisk',
          'Colander','Mixing Bowl','Pillow','Curtain','Mirror','Stool','Thermos','Binoculars'] AS nouns,
    ARRAY['kitchen','apparel','home','outdoors','stationery'] AS categories,
    ARRAY['black','blue','green','red','white','grey','brown','yellow'] AS colors,
    ARRAY['ceramic','cotton','steel','wood','paper','wool','glass','leather'] AS materials,
    ARRAY['small','medium','large'] AS sizes,
    ARRAY['11111111-1111-4111-8111-111111111111','22222222-2222-4222-8222-222222222222',
          '33333333-3333-4333-8333-333333333333']::uuid[] AS vendors;

INSERT INTO products (id, vendor_id, name, description, category, tax_class, attributes, status, created_at,
                      updated_at)
SELECT md5('surge-search-' || i)::uuid,
       w.vendors[i % 3 + 1],
       w.adjectives[(i * 7) % 40 + 1] || ' ' || w.nouns[(i * 13) % 60 + 1] || ' ' || (i % 97),
       'A ' || lower(w.adjectives[(i * 11) % 40 + 1]) || ' ' || lower(w.nouns[(i * 13) % 60 + 1])
           || ' for everyday use, pairs well with our ' || lower(w.nouns[(i * 17) % 60 + 1]) || ' and the '
           || lower(w.adjectives[(i * 3) % 40 + 1]) || ' collection.',
       w.categories[((i * 13) % 60) / 12 + 1],
       'STANDARD',
       jsonb_build_object('color', w.colors[i % 8 + 1], 'material', w.materials[(i / 8) % 8 + 1],
                          'size', w.sizes[i % 3 + 1]),
       'APPROVED',
       now() - (i || ' minutes')::interval,
       now()
FROM generate_series(1, :products) AS i CROSS JOIN words w
ON CONFLICT (id) DO NOTHING;

INSERT INTO variants (sku, product_id, name, tax_class, position)
SELECT 'SRCH-' || i || '-' || v, md5('surge-search-' || i)::uuid, 'Variant ' || v, 'STANDARD', v
FROM generate_series(1, :products) AS i CROSS JOIN LATERAL generate_series(1, 1 + i % 4) AS v
ON CONFLICT (sku) DO NOTHING;

INSERT INTO prices (sku, currency, amount_minor)
SELECT 'SRCH-' || i || '-' || v, c.currency, (499 + (i * 37 + v * 101) % 29500) * c.factor / 100
FROM generate_series(1, :products) AS i CROSS JOIN LATERAL generate_series(1, 1 + i % 4) AS v
CROSS JOIN (VALUES ('EUR', 100), ('USD', 108), ('GBP', 86)) AS c(currency, factor)
ON CONFLICT (sku, currency) DO NOTHING;

INSERT INTO stock_levels (sku, on_hand)
SELECT 'SRCH-' || i || '-' || v, 5 + (i * 7 + v) % 500
FROM generate_series(1, :products) AS i CROSS JOIN LATERAL generate_series(1, 1 + i % 4) AS v
ON CONFLICT (sku) DO NOTHING;
COMMIT;
-- As autovacuum would after such a load: statistics, and the visibility map index-only scans need.
VACUUM ANALYZE products;
VACUUM ANALYZE product_prices;
VACUUM ANALYZE variants;
VACUUM ANALYZE vendors;
VACUUM ANALYZE product_search;
