-- Commission rules: a rate in basis points of each line's goods amount, plus a fixed amount per line and at
-- least a minimum per currency (JSON arrays of {"amount", "currency"}), capped at the line. A rule's scope is
-- a vendor, a category, both, or the marketplace (both null). Rules of one scope succeed each other by
-- effective_from; ends_at ends one early (DELETE ends it from now on). The rule in force when an order is
-- placed is frozen on each of its lines.
CREATE TABLE commission_rules (
    id             uuid        PRIMARY KEY,
    vendor_id      uuid        REFERENCES vendors (id),
    category       text        REFERENCES categories (slug),
    rate_bps       integer     NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
    fixed          jsonb       NOT NULL DEFAULT '[]'::jsonb,
    minimum        jsonb       NOT NULL DEFAULT '[]'::jsonb,
    effective_from timestamptz NOT NULL,
    ends_at        timestamptz CHECK (ends_at IS NULL OR ends_at >= effective_from),
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX commission_rules_by_scope ON commission_rules (vendor_id, category, effective_from);

-- Rules are part of what the in-memory catalog serves (checkouts resolve them without a round trip).
CREATE TRIGGER commission_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON commission_rules
    FOR EACH STATEMENT EXECUTE FUNCTION surge_catalog_changed();

-- What held until now: each vendor's own rate, and a marketplace default of 10 % for vendors without one.
INSERT INTO commission_rules (id, vendor_id, rate_bps, effective_from)
SELECT md5('surge-vendor-rate-' || id)::uuid, id, commission_bps, '2000-01-01T00:00:00Z' FROM vendors;
INSERT INTO commission_rules (id, rate_bps, effective_from)
VALUES (md5('surge-marketplace-default')::uuid, 1000, '2000-01-01T00:00:00Z');

-- The commission frozen on each order line: its amount and the rule that decided it (null: no rule applied,
-- or the order was placed before rules existed).
ALTER TABLE order_lines
    ADD COLUMN commission_minor   bigint CHECK (commission_minor IS NULL OR commission_minor >= 0),
    ADD COLUMN commission_rule_id uuid;
