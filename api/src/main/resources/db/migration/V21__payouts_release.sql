-- An operator may pay a suspended vendor's held shares without reinstating it: the reason is kept here
-- (null while they wait; any other decision about the vendor clears it, so a new suspension holds again).
ALTER TABLE vendors ADD COLUMN payouts_release_reason text
    CHECK (payouts_release_reason IS NULL OR status = 'SUSPENDED');
