-- How a vendor shipped its part of an order.
ALTER TABLE sub_orders ADD COLUMN carrier text CHECK (length(carrier) BETWEEN 1 AND 100);
ALTER TABLE sub_orders ADD COLUMN tracking_number text CHECK (length(tracking_number) BETWEEN 1 AND 100);
ALTER TABLE sub_orders ADD COLUMN shipped_at timestamptz;

CREATE INDEX sub_orders_by_vendor_and_status ON sub_orders (vendor_id, status, id);

-- Payouts to vendors (written by the operator's payout run, a later capability); vendors read their history.
CREATE TABLE payouts (
    id                 uuid        PRIMARY KEY,
    vendor_id          uuid        NOT NULL REFERENCES vendors (id),
    amount_minor       bigint      NOT NULL CHECK (amount_minor > 0),
    currency           char(3)     NOT NULL,
    status             text        NOT NULL CHECK (status IN ('PENDING', 'PAID', 'FAILED')),
    stripe_transfer_id text,
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX payouts_by_vendor ON payouts (vendor_id, created_at DESC, id);
