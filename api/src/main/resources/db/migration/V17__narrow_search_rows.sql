-- Search reads one narrow row per approved product instead of the wide products row (which carries the
-- description): its document, what filters and facets need (the vendor's name for its facet), attribute pairs ("color=blue") and the lowest price
-- per currency ({"EUR": 1299}). Measured on 100,000 products, a matched product cost ~15 us, mostly fetching
-- the wide row and looking its price up; this row holds both. Kept by triggers: products (insert, update) and
-- the lowest prices (surge_refresh_product_prices).
CREATE TABLE product_search (
    product_id      uuid        PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    vendor_id       uuid        NOT NULL,
    vendor_name     text        NOT NULL,
    category        text        NOT NULL,
    name            text        NOT NULL,
    created_at      timestamptz NOT NULL,
    document        tsvector    NOT NULL,
    attribute_pairs text[]      NOT NULL,
    min_prices      jsonb       NOT NULL
);

CREATE INDEX product_search_document ON product_search USING gin (document);
CREATE INDEX product_search_name_trigrams ON product_search USING gin (lower(name) gin_trgm_ops);
CREATE INDEX product_search_attributes ON product_search USING gin (attribute_pairs);
CREATE INDEX product_search_by_category ON product_search (category)
    INCLUDE (product_id, vendor_id, vendor_name, name, created_at, attribute_pairs, min_prices);
CREATE INDEX product_search_by_name ON product_search (name, product_id);
CREATE INDEX product_search_newest ON product_search (created_at DESC, product_id DESC);

CREATE FUNCTION surge_min_prices(product uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT coalesce(jsonb_object_agg(currency, min_amount), '{}'::jsonb) FROM product_prices WHERE product_id = product;
$$;

CREATE FUNCTION surge_product_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'APPROVED' THEN
        INSERT INTO product_search (product_id, vendor_id, vendor_name, category, name, created_at, document,
                                    attribute_pairs, min_prices)
        VALUES (NEW.id, NEW.vendor_id, (SELECT name FROM vendors WHERE id = NEW.vendor_id), NEW.category, NEW.name, NEW.created_at, NEW.search_document,
                ARRAY(SELECT key || '=' || value FROM jsonb_each_text(NEW.attributes)), surge_min_prices(NEW.id))
        ON CONFLICT (product_id) DO UPDATE SET vendor_id = EXCLUDED.vendor_id, vendor_name = EXCLUDED.vendor_name,
            category = EXCLUDED.category,
            name = EXCLUDED.name, created_at = EXCLUDED.created_at, document = EXCLUDED.document,
            attribute_pairs = EXCLUDED.attribute_pairs, min_prices = EXCLUDED.min_prices;
    ELSE
        DELETE FROM product_search WHERE product_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER products_search_row AFTER INSERT OR UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION surge_product_search_row();

-- A vendor renamed is renamed in its facet.
CREATE FUNCTION surge_vendor_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE product_search SET vendor_name = NEW.name WHERE vendor_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER vendors_renamed_in_search AFTER UPDATE OF name ON vendors
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION surge_vendor_renamed();

-- The lowest prices, as before, now also on the search rows.
CREATE OR REPLACE FUNCTION surge_refresh_product_prices(changed uuid[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM product_prices pp
    WHERE pp.product_id = ANY(changed)
      AND NOT EXISTS (SELECT 1 FROM variants v JOIN prices pr ON pr.sku = v.sku
                      WHERE v.product_id = pp.product_id AND NOT v.archived AND pr.currency = pp.currency);
    INSERT INTO product_prices (product_id, currency, min_amount)
    SELECT v.product_id, pr.currency, min(pr.amount_minor)
    FROM variants v JOIN prices pr ON pr.sku = v.sku
    WHERE v.product_id = ANY(changed) AND NOT v.archived
    GROUP BY v.product_id, pr.currency
    ON CONFLICT (product_id, currency) DO UPDATE SET min_amount = EXCLUDED.min_amount;
    UPDATE product_search s SET min_prices = surge_min_prices(s.product_id) WHERE s.product_id = ANY(changed);
$$;

INSERT INTO product_search (product_id, vendor_id, vendor_name, category, name, created_at, document, attribute_pairs,
                            min_prices)
SELECT p.id, p.vendor_id, (SELECT name FROM vendors WHERE id = p.vendor_id), p.category, p.name, p.created_at, p.search_document,
       ARRAY(SELECT key || '=' || value FROM jsonb_each_text(p.attributes)), surge_min_prices(p.id)
FROM products p WHERE p.status = 'APPROVED';
