-- Operators search orders newest first, by email and by date; an order's events are read by the order.
CREATE INDEX orders_by_placed_at ON orders (placed_at DESC, id DESC);
CREATE INDEX orders_by_email ON orders (lower(email), placed_at DESC);
CREATE INDEX outbox_by_order ON outbox (order_id, sequence);
