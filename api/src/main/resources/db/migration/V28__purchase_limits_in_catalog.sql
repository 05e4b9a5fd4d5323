-- A SKU's per-buyer limit also bounds a cart's line, checked against the in-memory catalog (no round trip
-- per cart write): a change of the limit is a catalog change, notified and counted like the others (V8, V20).
-- Only the limit's column: stock counts change on every sale and are no catalog change.
CREATE TRIGGER stock_limits_changed AFTER UPDATE OF per_buyer ON stock_levels
    FOR EACH ROW WHEN (OLD.per_buyer IS DISTINCT FROM NEW.per_buyer) EXECUTE FUNCTION surge_catalog_changed();
