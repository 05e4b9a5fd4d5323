-- A paid sub-order waits (PENDING) until its vendor accepts it. When a refund withdraws
-- sub-orders and then fails, each goes back to what it was: accepted_at remembers whether
-- its vendor had taken it on. Sub-orders paid before this migration were accepted with
-- their payment.
ALTER TABLE sub_orders ADD COLUMN accepted_at timestamptz;

UPDATE sub_orders SET accepted_at = coalesce(shipped_at, updated_at) WHERE status IN ('ACCEPTED', 'SHIPPED');
