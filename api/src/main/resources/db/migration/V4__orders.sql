-- Orders, their lines and per-vendor sub-orders, written in one transaction at checkout together with
-- their outbox events; checkout idempotency keys. Money is integer minor units in the order's currency.

CREATE TABLE orders (
    id                     uuid        PRIMARY KEY,
    customer_id            text,
    order_token_hash       text        NOT NULL,
    email                  text        NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    shipping_address       jsonb       NOT NULL,
    country                char(2)     NOT NULL,
    currency               char(3)     NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'FULFILLED', 'CANCELLED',
                                           'REFUNDED')),
    subtotal_minor         bigint      NOT NULL CHECK (subtotal_minor >= 0),
    tax_minor              bigint      NOT NULL CHECK (tax_minor >= 0),
    shipping_minor         bigint      NOT NULL CHECK (shipping_minor >= 0),
    total_minor            bigint      NOT NULL CHECK (total_minor = subtotal_minor + tax_minor + shipping_minor),
    reservation_id         uuid        NOT NULL,
    reservation_expires_at timestamptz NOT NULL,
    payment_intent_id      text        UNIQUE,
    client_secret          text,
    placed_at              timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL DEFAULT now(),
    version                bigint      NOT NULL DEFAULT 1 CHECK (version > 0)
);

CREATE INDEX orders_by_customer ON orders (customer_id, placed_at DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX orders_pending_by_expiry ON orders (reservation_expires_at) WHERE status = 'PENDING_PAYMENT';

CREATE TABLE order_lines (
    order_id         uuid    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no          integer NOT NULL,
    sku              text    NOT NULL,
    product_id       uuid    NOT NULL,
    vendor_id        uuid    NOT NULL,
    name             text    NOT NULL,
    quantity         integer NOT NULL CHECK (quantity > 0),
    unit_price_minor bigint  NOT NULL CHECK (unit_price_minor >= 0),
    line_total_minor bigint  NOT NULL CHECK (line_total_minor = unit_price_minor * quantity),
    tax_minor        bigint  NOT NULL CHECK (tax_minor >= 0),
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE sub_orders (
    id                uuid        PRIMARY KEY,
    order_id          uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    vendor_id         uuid        NOT NULL REFERENCES vendors (id),
    status            text        NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'SHIPPED', 'CANCELLED')),
    subtotal_minor    bigint      NOT NULL,
    tax_minor         bigint      NOT NULL,
    shipping_minor    bigint      NOT NULL,
    total_minor       bigint      NOT NULL CHECK (total_minor = subtotal_minor + tax_minor + shipping_minor),
    commission_bps    integer     NOT NULL CHECK (commission_bps BETWEEN 0 AND 10000),
    commission_minor  bigint      NOT NULL CHECK (commission_minor BETWEEN 0 AND total_minor),
    stripe_account_id text,
    transfer_id       text,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (order_id, vendor_id)
);

CREATE INDEX sub_orders_by_vendor ON sub_orders (vendor_id, id);

-- Events to publish (Kafka relay, issue #6), written in the transaction of the change they report.
CREATE TABLE outbox (
    sequence     bigserial   PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    type         text        NOT NULL,
    order_id     uuid        NOT NULL,
    vendor_id    uuid,
    payload      jsonb       NOT NULL,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE INDEX outbox_unpublished ON outbox (sequence) WHERE published_at IS NULL;

-- Checkout idempotency: a key (stored hashed) with the fingerprint of its request; the guest's order
-- token is kept only sealed with a key derived from the Idempotency-Key itself, which is never stored.
CREATE TABLE checkout_requests (
    key_hash           text        PRIMARY KEY,
    fingerprint        text        NOT NULL,
    order_id           uuid        NOT NULL,
    state              text        NOT NULL CHECK (state IN ('IN_FLIGHT', 'COMPLETED')),
    order_token_sealed text,
    locked_until       timestamptz NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    expires_at         timestamptz NOT NULL
);

CREATE INDEX checkout_requests_by_expiry ON checkout_requests (expires_at);
