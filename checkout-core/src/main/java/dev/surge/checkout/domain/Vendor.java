package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * A seller on the marketplace. The operator approves it and sets its commission rate: the
 * marketplace keeps {@code commissionRate} of each sub-order's total, the vendor receives
 * the rest.
 */
public record Vendor(VendorId id, String name, VendorStatus status, BasisPoints commissionRate) {

    public Vendor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(commissionRate, "commissionRate");
        name = Text.required(name, "name", 200);
    }

    public boolean canSell() {
        return status.isApproved();
    }

    public Money commissionOn(Money subOrderTotal) {
        return commissionRate.of(subOrderTotal);
    }
}
