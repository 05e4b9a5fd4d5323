-- A vendor's Stripe Connect account: at most one vendor per account, and found by it when Stripe reports
-- the account changed (account.updated).
CREATE UNIQUE INDEX vendors_stripe_account ON vendors (stripe_account_id) WHERE stripe_account_id IS NOT NULL;
