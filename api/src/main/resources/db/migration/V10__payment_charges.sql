-- The charge that collected a payment, as Stripe named it when the payment succeeded (a confirm's answer,
-- the `payment_intent.succeeded` webhook, reconciliation): vendor transfers are drawn from it, so paying
-- the vendors needs no call to Stripe to look it up.
ALTER TABLE payments ADD COLUMN charge_id text;
