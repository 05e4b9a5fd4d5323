-- A SKU's per-buyer limit (a flash sale's "2 per customer"): at most per_buyer units held or bought by one
-- buyer within the window. Kept with the stock, from which Redis's counters are loaded with it.
ALTER TABLE stock_levels
    ADD COLUMN per_buyer integer CHECK (per_buyer BETWEEN 1 AND 10000),
    ADD COLUMN per_buyer_window_seconds integer NOT NULL DEFAULT 86400
        CHECK (per_buyer_window_seconds BETWEEN 60 AND 2592000);
