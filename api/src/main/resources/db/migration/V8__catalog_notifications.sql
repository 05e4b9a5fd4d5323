-- Surge serves the catalog from memory (InMemoryCatalog) and reads it again when it changes: every
-- statement that changes a catalog table notifies 'surge_catalog' with the change's clock in epoch
-- milliseconds (to measure how long the change took to be served). Notifications go out on commit only,
-- and PostgreSQL folds identical ones within a transaction, so a bulk edit costs one notification per
-- statement at most.
CREATE FUNCTION surge_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('surge_catalog', (extract(epoch FROM clock_timestamp()) * 1000)::bigint::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER vendors_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON vendors
    FOR EACH STATEMENT EXECUTE FUNCTION surge_catalog_changed();
CREATE TRIGGER products_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION surge_catalog_changed();
CREATE TRIGGER variants_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON variants
    FOR EACH STATEMENT EXECUTE FUNCTION surge_catalog_changed();
CREATE TRIGGER prices_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON prices
    FOR EACH STATEMENT EXECUTE FUNCTION surge_catalog_changed();
CREATE TRIGGER tax_rates_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tax_rates
    FOR EACH STATEMENT EXECUTE FUNCTION surge_catalog_changed();
CREATE TRIGGER shipping_rates_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shipping_rates
    FOR EACH STATEMENT EXECUTE FUNCTION surge_catalog_changed();
