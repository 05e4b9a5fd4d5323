package dev.surge.checkout.domain;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One vendor's part of an order: its totals, the marketplace's commission (the vendor's
 * rate on the goods subtotal, rounded half up) and what the vendor receives
 * ({@code total - commission}).
 */
public record SubOrder(UUID id, VendorId vendorId, Totals totals, BasisPoints commissionRate, Money commission,
        @Nullable ConnectedAccountId account) {

    public SubOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(commissionRate, "commissionRate");
        Objects.requireNonNull(commission, "commission");
        if (commission.compareTo(totals.total()) > 0) {
            throw new IllegalArgumentException("a commission cannot exceed the sub-order's total");
        }
    }

    public Money vendorShare() {
        return totals.total().minus(commission);
    }

}
