-- A cart is checked out once at a time: a second checkout of the same cart (another Idempotency-Key, a
-- double click) is refused while the first order waits for payment.
ALTER TABLE orders ADD COLUMN cart_id uuid;

CREATE UNIQUE INDEX orders_one_open_per_cart ON orders (cart_id) WHERE status = 'PENDING_PAYMENT';
