-- Payments as Surge knows them from verified Stripe events, and the events already handled.
-- A payment's record only moves forward (see PaymentRecord); `version` guards concurrent writers.

CREATE TABLE payments (
    payment_intent_id text        PRIMARY KEY,
    order_id          uuid,
    status            text        NOT NULL CHECK (status IN ('REQUIRES_PAYMENT_METHOD', 'REQUIRES_CONFIRMATION',
                                      'REQUIRES_ACTION', 'PROCESSING', 'REQUIRES_CAPTURE', 'SUCCEEDED', 'CANCELED')),
    decline_code      text,
    refunded_minor    bigint      CHECK (refunded_minor >= 0),
    refunded_currency char(3),
    fully_refunded    boolean     NOT NULL DEFAULT false,
    disputed          boolean     NOT NULL DEFAULT false,
    last_event_at     timestamptz NOT NULL,
    version           bigint      NOT NULL CHECK (version > 0),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK ((refunded_minor IS NULL) = (refunded_currency IS NULL))
);

CREATE INDEX payments_by_order ON payments (order_id);

-- One row per provider event handled, written in the same transaction as its effect: a replayed
-- event finds its row and changes nothing. Rows older than Stripe's retry horizon are pruned.
CREATE TABLE payment_events (
    event_id          text        PRIMARY KEY,
    payment_intent_id text        NOT NULL,
    type              text        NOT NULL,
    occurred_at       timestamptz NOT NULL,
    received_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX payment_events_by_received_at ON payment_events (received_at);

-- The vendor's Stripe Connect account, which receives its share of each order.
ALTER TABLE vendors ADD COLUMN stripe_account_id text CHECK (stripe_account_id LIKE 'acct\_%');
