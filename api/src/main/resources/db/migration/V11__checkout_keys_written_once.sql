-- A checkout's key is written once, when it is claimed, with the sealed order token its replays need: the
-- checkout creates the payment first and stores the order with it last, in one statement, so a key whose
-- order is stored with a payment is done, and its row needs no second write (and no state of its own).
ALTER TABLE checkout_requests DROP COLUMN state;
