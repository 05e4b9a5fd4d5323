package dev.surge.checkout.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an operator decides about a vendor, with where each decision may be taken from and
 * where it leads. Rejecting and suspending need a reason the vendor is shown.
 */
public enum VendorDecision {

    APPROVE(EnumSet.of(VendorStatus.PENDING_APPROVAL), VendorStatus.APPROVED, false),
    REJECT(EnumSet.of(VendorStatus.PENDING_APPROVAL), VendorStatus.REJECTED, true),
    SUSPEND(EnumSet.of(VendorStatus.APPROVED), VendorStatus.SUSPENDED, true),
    REINSTATE(EnumSet.of(VendorStatus.SUSPENDED), VendorStatus.APPROVED, false);

    private final Set<VendorStatus> from;

    private final VendorStatus to;

    private final boolean needsReason;

    VendorDecision(Set<VendorStatus> from, VendorStatus to, boolean needsReason) {
        this.from = from;
        this.to = to;
        this.needsReason = needsReason;
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

    /** {@code approved}, {@code rejected}, {@code suspended}, {@code reinstated}. */
    public String pastTense() {
        String verb = name().toLowerCase(Locale.ROOT);
        return verb + (verb.endsWith("e") ? "d" : "ed");
    }

}
