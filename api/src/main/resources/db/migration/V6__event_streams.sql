-- The order in which events are published, for vendors to resume from. Outbox rows get their
-- stream_sequence from the (single, leased) relay just before they are published, so it grows in
-- publication order with no gaps left by transactions that committed late.
ALTER TABLE outbox ADD COLUMN stream_sequence bigint UNIQUE;

CREATE INDEX outbox_vendor_stream ON outbox (vendor_id, stream_sequence) WHERE stream_sequence IS NOT NULL;

-- Who may run a singleton job (the outbox relay) until when.
CREATE TABLE leases (
    name       text        PRIMARY KEY,
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL
);
