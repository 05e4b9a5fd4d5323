-- Issue #15 item 6: taking a transferred vendor share back is a durable step. A refund (or a cancellation that
-- raced the share's transfer) makes the reversal owed; a job makes it and records it, retrying with backoff
-- until Stripe has taken the money back, so no failure leaves a vendor paid for a refunded order.
ALTER TABLE sub_orders
    ADD COLUMN reversal_due_at   timestamptz,
    ADD COLUMN reversal_attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN reversed_at       timestamptz;

CREATE INDEX sub_orders_reversals_due ON sub_orders (reversal_due_at) WHERE reversal_due_at IS NOT NULL;
