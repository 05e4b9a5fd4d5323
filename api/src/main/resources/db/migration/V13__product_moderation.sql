-- Products pass moderation: a vendor's DRAFT is submitted (PENDING_APPROVAL), approved or rejected with a
-- reason, and may be ARCHIVED for good. An edit of an approved product waits in pending_change (the content
-- as the vendor wrote it, JSON) while the approved content in the columns stays on sale; submitted_at orders
-- the operator's review queue; version counts the moves (compare-and-set, like orders).
ALTER TABLE products DROP CONSTRAINT products_status_check;
UPDATE products SET status = 'ARCHIVED' WHERE status = 'SUSPENDED';
ALTER TABLE products ADD CONSTRAINT products_status_check
    CHECK (status IN ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'ARCHIVED'));
ALTER TABLE products
    ADD COLUMN tax_class      text        NOT NULL DEFAULT 'STANDARD'
                                          CHECK (tax_class IN ('STANDARD', 'REDUCED', 'ZERO')),
    ADD COLUMN attributes     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN pending_change jsonb,
    ADD COLUMN status_reason  text        CHECK (status_reason IS NULL OR length(status_reason) BETWEEN 1 AND 1000),
    ADD COLUMN submitted_at   timestamptz,
    ADD COLUMN version        bigint      NOT NULL DEFAULT 0;

UPDATE products p SET tax_class = v.tax_class
FROM (SELECT DISTINCT ON (product_id) product_id, tax_class FROM variants ORDER BY product_id, position) v
WHERE v.product_id = p.id;
UPDATE products SET submitted_at = created_at WHERE status = 'PENDING_APPROVAL';

-- The operator's queue: what waits for review, oldest submission first.
CREATE INDEX products_awaiting_review ON products (submitted_at, id)
    WHERE status = 'PENDING_APPROVAL' OR pending_change IS NOT NULL;
CREATE INDEX products_by_vendor_and_status ON products (vendor_id, status, id);

-- A variant an edit leaves out is archived, not deleted: orders, stock commits and the audit still name it.
ALTER TABLE variants ADD COLUMN archived boolean NOT NULL DEFAULT false;

-- The categories products may be filed under (reference data; a product's category must be one of them).
CREATE TABLE categories (
    slug text PRIMARY KEY CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100)
);
INSERT INTO categories (slug, name)
SELECT DISTINCT lower(category), initcap(lower(category)) FROM products
WHERE lower(category) ~ '^[a-z0-9][a-z0-9-]{0,99}$'
ON CONFLICT DO NOTHING;

-- The operator may let a vendor's products through without review.
ALTER TABLE vendors ADD COLUMN auto_approve_products boolean NOT NULL DEFAULT false;

-- Variants are ordered by position, then SKU; an edit renumbers them and archives the ones it leaves out, so
-- a position is no longer unique within a product.
ALTER TABLE variants DROP CONSTRAINT variants_product_id_position_key;
