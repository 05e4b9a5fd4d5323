package dev.surge.checkout.domain;

/**
 * Where a vendor stands with the marketplace operator. Only an {@link #APPROVED} vendor
 * sells; a {@link #SUSPENDED} one keeps fulfilling the orders it already has.
 */
public enum VendorStatus {

    PENDING_APPROVAL, APPROVED, REJECTED, SUSPENDED;

    public boolean isApproved() {
        return this == APPROVED;
    }

}
