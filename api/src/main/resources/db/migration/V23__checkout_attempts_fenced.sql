-- A checkout key fences its attempts (issue #15): a retry that takes a key over after its lease ran out
-- becomes the next attempt, and an earlier attempt still running can then neither store its order nor give
-- the key up. The order's write marks its key done on the same row, so a takeover and that write serialise
-- on the row (a check of the orders table from the takeover would not see a write committed while it waited).
ALTER TABLE checkout_requests
    ADD COLUMN attempt integer NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    ADD COLUMN done    boolean NOT NULL DEFAULT false;

UPDATE checkout_requests r SET done = true
WHERE EXISTS (SELECT 1 FROM orders o WHERE o.id = r.order_id AND o.payment_intent_id IS NOT NULL);
