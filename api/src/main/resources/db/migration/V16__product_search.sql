-- Faceted search on PostgreSQL: a weighted full-text document per product (name, then category and
-- attributes, then description; English stemming), a trigram index on names for typos, attributes in a GIN
-- index for filters, and each product's lowest price per currency kept up to date for price filters, sorts
-- and price facets.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE products ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', name), 'A')
        || setweight(to_tsvector('english', category), 'B')
        || setweight(jsonb_to_tsvector('english', attributes, '["string"]'), 'B')
        || setweight(to_tsvector('english', description), 'C')
) STORED;

CREATE INDEX products_search_document ON products USING gin (search_document) WHERE status = 'APPROVED';
CREATE INDEX products_name_trigrams ON products USING gin (lower(name) gin_trgm_ops) WHERE status = 'APPROVED';
CREATE INDEX products_attributes ON products USING gin (attributes jsonb_path_ops) WHERE status = 'APPROVED';
CREATE INDEX products_newest ON products (created_at DESC, id DESC) WHERE status = 'APPROVED';
-- What filters and facets read of a product, so searches without words scan this index, not the table.
CREATE INDEX products_facets ON products (category, id) INCLUDE (vendor_id, name, created_at, attributes)
    WHERE status = 'APPROVED';

-- Searches join products to the few approved vendors: the planner must know how few there are. A small
-- table may never change enough for autovacuum's default threshold to analyse it again.
ALTER TABLE vendors SET (autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1);
ANALYZE vendors;

CREATE TABLE product_prices (
    product_id uuid    NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    currency   char(3) NOT NULL,
    min_amount bigint  NOT NULL,
    PRIMARY KEY (product_id, currency)
);

CREATE INDEX product_prices_by_amount ON product_prices (currency, min_amount, product_id);

-- Recomputes the lowest price per currency of the given products from their live variants.
CREATE FUNCTION surge_refresh_product_prices(changed uuid[]) RETURNS void LANGUAGE sql AS $$
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
$$;

CREATE FUNCTION surge_prices_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM surge_refresh_product_prices(ARRAY(
        SELECT DISTINCT v.product_id FROM variants v WHERE v.sku IN (SELECT sku FROM changed_rows)));
    RETURN NULL;
END
$$;

CREATE FUNCTION surge_variants_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM surge_refresh_product_prices(ARRAY(SELECT DISTINCT product_id FROM changed_rows));
    RETURN NULL;
END
$$;

CREATE TRIGGER prices_inserted AFTER INSERT ON prices REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION surge_prices_changed();
CREATE TRIGGER prices_updated AFTER UPDATE ON prices REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION surge_prices_changed();
CREATE TRIGGER prices_deleted AFTER DELETE ON prices REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION surge_prices_changed();
CREATE TRIGGER variants_updated_for_prices AFTER UPDATE ON variants REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION surge_variants_changed();

-- What exists already.
INSERT INTO product_prices (product_id, currency, min_amount)
SELECT v.product_id, pr.currency, min(pr.amount_minor)
FROM variants v JOIN prices pr ON pr.sku = v.sku
WHERE NOT v.archived
GROUP BY v.product_id, pr.currency;
