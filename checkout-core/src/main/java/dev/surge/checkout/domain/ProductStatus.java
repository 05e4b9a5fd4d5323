package dev.surge.checkout.domain;

/**
 * Where a product stands in moderation: a vendor's {@link #DRAFT}, submitted
 * ({@link #PENDING_APPROVAL}), {@link #APPROVED} (on sale while its vendor is approved),
 * {@link #REJECTED} with a reason, or {@link #ARCHIVED} by the vendor for good.
 */
public enum ProductStatus {

    DRAFT, PENDING_APPROVAL, APPROVED, REJECTED, ARCHIVED;

    public boolean isApproved() {
        return this == APPROVED;
    }

}
