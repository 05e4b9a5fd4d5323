-- Issue #15 item 2: a count reaches the Redis counters with the record's tally of units sold (the counters keep
-- their own), so a sale committed in Redis between the count's two writes is not lost there; counts are numbered
-- so a late one never overwrites a newer one. A sale is no longer clamped at zero on hand: a count that found
-- fewer units than were sold shows as negative stock (an oversale to resolve) instead of vanishing.
ALTER TABLE stock_levels
    DROP CONSTRAINT IF EXISTS stock_levels_on_hand_check,
    ADD COLUMN sold     bigint NOT NULL DEFAULT 0 CHECK (sold >= 0),
    ADD COLUMN recounts bigint NOT NULL DEFAULT 0 CHECK (recounts >= 0);

-- Oversold SKUs are found at once (health), while there are none to find.
CREATE INDEX stock_levels_oversold ON stock_levels (on_hand, sku) WHERE on_hand < 0;
