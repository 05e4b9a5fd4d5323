-- A hot SKU's waiting room: shoppers admitted first come, first served, this many a second. Kept with the stock,
-- from which Redis's counters are loaded with it.
ALTER TABLE stock_levels
    ADD COLUMN queue_admit_per_second integer CHECK (queue_admit_per_second BETWEEN 1 AND 10000);
