-- Sold stock, recorded once per reservation and SKU: committing a reservation takes its units off
-- stock_levels.on_hand in the same transaction that writes these rows, so a retried commit changes nothing,
-- and counters rebuilt from PostgreSQL after Redis lost its data never count sold units again.
CREATE TABLE stock_commits (
    reservation_id uuid        NOT NULL,
    sku            text        NOT NULL REFERENCES variants (sku),
    quantity       integer     NOT NULL CHECK (quantity > 0),
    committed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (reservation_id, sku)
);
