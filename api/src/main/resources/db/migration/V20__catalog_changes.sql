-- Every statement that changes the catalog also counts itself, so the periodic resync of the in-memory
-- catalog (a safety net behind the notifications) reads the whole catalog only when something changed: at
-- 100,000 products a full read costs seconds of CPU. A sequence counts without locking: no two catalog
-- writers ever wait for each other here.
CREATE SEQUENCE catalog_changes;

CREATE OR REPLACE FUNCTION surge_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('catalog_changes');
    PERFORM pg_notify('surge_catalog', (extract(epoch FROM clock_timestamp()) * 1000)::bigint::text);
    RETURN NULL;
END
$$;
