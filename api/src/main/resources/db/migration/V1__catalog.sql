-- The catalog of record: vendors, products, variants (SKUs), prices per currency, stock on hand,
-- tax rates per country and tax class, and flat shipping rates per vendor and currency.
-- Money is integer minor units plus an ISO 4217 code; rates are basis points (1500 = 15 %).

CREATE TABLE vendors (
    id             uuid        PRIMARY KEY,
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    status         text        NOT NULL CHECK (status IN ('PENDING_APPROVAL', 'APPROVED', 'SUSPENDED')),
    commission_bps integer     NOT NULL CHECK (commission_bps BETWEEN 0 AND 10000),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
    id          uuid        PRIMARY KEY,
    vendor_id   uuid        NOT NULL REFERENCES vendors (id),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text        NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    category    text        NOT NULL CHECK (length(category) BETWEEN 1 AND 100),
    status      text        NOT NULL CHECK (status IN ('PENDING_APPROVAL', 'APPROVED', 'SUSPENDED')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Keyset pagination walks listed products by (name, id); filters narrow by vendor and category.
CREATE INDEX products_listed_by_name ON products (name, id) WHERE status = 'APPROVED';
CREATE INDEX products_by_vendor ON products (vendor_id, name, id);
CREATE INDEX products_by_category ON products (lower(category), name, id);

CREATE TABLE variants (
    sku        text    PRIMARY KEY CHECK (sku ~ '^[A-Z0-9][A-Z0-9_-]{1,63}$'),
    product_id uuid    NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    name       text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    tax_class  text    NOT NULL CHECK (tax_class IN ('STANDARD', 'REDUCED', 'ZERO')),
    position   integer NOT NULL DEFAULT 0,
    UNIQUE (product_id, position)
);

CREATE INDEX variants_by_product ON variants (product_id, position);

CREATE TABLE prices (
    sku          text    NOT NULL REFERENCES variants (sku) ON DELETE CASCADE,
    currency     char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor bigint  NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (sku, currency)
);

-- Stock of record. Redis holds the hot counters for reservations (inventory module); this table is what
-- they are rebuilt from.
CREATE TABLE stock_levels (
    sku        text        PRIMARY KEY REFERENCES variants (sku) ON DELETE CASCADE,
    on_hand    integer     NOT NULL CHECK (on_hand >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tax_rates (
    country   char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    tax_class text    NOT NULL CHECK (tax_class IN ('STANDARD', 'REDUCED', 'ZERO')),
    rate_bps  integer NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
    PRIMARY KEY (country, tax_class)
);

CREATE TABLE shipping_rates (
    vendor_id    uuid    NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
    currency     char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor bigint  NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (vendor_id, currency)
);
