package dev.surge.checkout.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an operator decides about a vendor, with where each decision may be taken from and
 * where it leads. Rejecting and suspending need a reason the vendor is shown; releasing a
 * suspended vendor's payouts (its shares of placed orders paid although it stays
 * suspended) needs one too.
 */
public enum VendorDecision {

    APPROVE(EnumSet.of(VendorStatus.PENDING_APPROVAL), VendorStatus.APPROVED, false, "approved"),
    REJECT(EnumSet.of(VendorStatus.PENDING_APPROVAL), VendorStatus.REJECTED, true, "rejected"),
    SUSPEND(EnumSet.of(VendorStatus.APPROVED), VendorStatus.SUSPENDED, true, "suspended"),
    REINSTATE(EnumSet.of(VendorStatus.SUSPENDED), VendorStatus.APPROVED, false, "reinstated"),
    RELEASE_PAYOUTS(EnumSet.of(VendorStatus.SUSPENDED), VendorStatus.SUSPENDED, true, "payouts-released");

    private final Set<VendorStatus> from;

    private final VendorStatus to;

    private final boolean needsReason;

    private final String done;

    VendorDecision(Set<VendorStatus> from, VendorStatus to, boolean needsReason, String done) {
        this.from = from;
        this.to = to;
        this.needsReason = needsReason;
        this.done = done;
    }

    /** Whether the decision moves the vendor to another status. */
    public boolean movesStatus() {
        return this != RELEASE_PAYOUTS;
    }

    public boolean mayBeTakenFrom(VendorStatus status) {
        return from.contains(status);
    }

    public VendorStatus leadsTo() {
        return to;
    }

    public boolean needsReason() {
        return needsReason;
    }

    /**
     * {@code approved}, {@code rejected}, {@code suspended}, {@code reinstated},
     * {@code payouts-released}.
     */
    public String pastTense() {
        return done;
    }

}
