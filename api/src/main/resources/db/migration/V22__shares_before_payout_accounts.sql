-- A vendor may sell before it has a payout account (surge.vendors.sell-without-payouts): its shares of paid
-- orders are owed all the same, and are transferred to the account it onboards later (they wait, held, until
-- then). Such shares of orders paid before this migration were never marked owed: they are now.
UPDATE sub_orders s SET transfer_due_at = now()
FROM orders o
WHERE o.id = s.order_id AND o.status IN ('PAID', 'FULFILLED') AND s.status <> 'CANCELLED'
  AND s.transfer_id IS NULL AND s.transfer_due_at IS NULL AND s.stripe_account_id IS NULL
  AND s.total_minor > s.commission_minor;
