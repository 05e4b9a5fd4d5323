-- Vendor transfers leave the shopper's request path: paying a multi-vendor order marks each sub-order's
-- transfer due (in the payment's own transaction) and PayVendorShares makes it, retrying with back-off.
ALTER TABLE sub_orders ADD COLUMN transfer_due_at timestamptz;
ALTER TABLE sub_orders ADD COLUMN transfer_attempts integer NOT NULL DEFAULT 0;

-- Paid orders whose transfers never happened before this migration (they were made inside the confirm) and
-- that still await one are due now.
UPDATE sub_orders s SET transfer_due_at = now()
FROM orders o
WHERE o.id = s.order_id AND o.status IN ('PAID', 'FULFILLED') AND s.status <> 'CANCELLED'
  AND s.transfer_id IS NULL AND s.stripe_account_id IS NOT NULL
  AND (SELECT count(*) FROM sub_orders other WHERE other.order_id = s.order_id) > 1;

-- The job's look-up reads only what is due.
CREATE INDEX sub_orders_transfer_due ON sub_orders (transfer_due_at, order_id) WHERE transfer_due_at IS NOT NULL;
