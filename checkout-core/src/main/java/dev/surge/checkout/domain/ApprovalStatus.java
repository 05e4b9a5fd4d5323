package dev.surge.checkout.domain;

/**
 * Where a vendor or product stands with the marketplace operator. Only {@link #APPROVED}
 * vendors sell, and only their {@link #APPROVED} products are listed.
 */
public enum ApprovalStatus {

    PENDING_APPROVAL, APPROVED, SUSPENDED;

    public boolean isApproved() {
        return this == APPROVED;
    }

}
