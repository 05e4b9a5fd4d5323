-- Vendors as the operator runs them: an application (who, where, which currency) waits for approval, may be
-- rejected, and an approved vendor may be suspended and reinstated; the last decision's reason is kept for
-- the vendor to read. version counts the decisions (two operators deciding at once cannot both win);
-- team_version counts changes of the team (two owners cannot together remove every owner).
ALTER TABLE vendors DROP CONSTRAINT vendors_status_check;
ALTER TABLE vendors ADD CONSTRAINT vendors_status_check
    CHECK (status IN ('PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'SUSPENDED'));
ALTER TABLE vendors
    ADD COLUMN email            text    CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
    ADD COLUMN country          char(2) CHECK (country IS NULL OR country ~ '^[A-Z]{2}$'),
    ADD COLUMN default_currency char(3) CHECK (default_currency IS NULL OR default_currency ~ '^[A-Z]{3}$'),
    ADD COLUMN status_reason    text    CHECK (status_reason IS NULL OR length(status_reason) BETWEEN 1 AND 1000),
    ADD COLUMN payouts_enabled  boolean NOT NULL DEFAULT false,
    ADD COLUMN version          bigint  NOT NULL DEFAULT 0,
    ADD COLUMN team_version     bigint  NOT NULL DEFAULT 0;

CREATE INDEX vendors_by_status ON vendors (status, id);

-- Who works for which vendor. A person (the subject of their tokens) may work for several vendors, in one
-- role each; requests resolve the role from here, never from the token.
CREATE TABLE vendor_members (
    vendor_id uuid        NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
    subject   text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    role      text        NOT NULL CHECK (role IN ('OWNER', 'EDITOR', 'FULFILLMENT')),
    added_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (vendor_id, subject)
);

CREATE INDEX vendor_members_by_subject ON vendor_members (subject);

-- Instances cache memberships per subject and forget a subject's when this channel names it (on commit
-- only), so a removal or demotion takes effect at once everywhere.
CREATE FUNCTION surge_members_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('surge_members', OLD.subject);
    ELSE
        PERFORM pg_notify('surge_members', NEW.subject);
        IF TG_OP = 'UPDATE' AND OLD.subject <> NEW.subject THEN
            PERFORM pg_notify('surge_members', OLD.subject);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER vendor_members_changed AFTER INSERT OR UPDATE OR DELETE ON vendor_members
    FOR EACH ROW EXECUTE FUNCTION surge_members_changed();

-- Every write by an operator or a vendor member: who (subject and the role they acted in), what, on which
-- target, and the target before and after. vendor_id is the vendor whose data it touched (its members read
-- those entries). Append-only.
CREATE TABLE audit_log (
    position  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    role      text        NOT NULL,
    vendor_id uuid,
    action    text        NOT NULL,
    target    text        NOT NULL,
    before    jsonb,
    after     jsonb
);

CREATE INDEX audit_log_by_vendor ON audit_log (vendor_id, position DESC) WHERE vendor_id IS NOT NULL;
CREATE INDEX audit_log_by_actor ON audit_log (actor, position DESC);
CREATE INDEX audit_log_by_target ON audit_log (target, position DESC);
