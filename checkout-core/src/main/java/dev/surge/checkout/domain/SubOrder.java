package dev.surge.checkout.domain;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One vendor's part of an order: its totals, the marketplace's commission (the vendor's
 * rate on the goods subtotal, rounded half up) and what the vendor receives
 * ({@code total - commission}), where it stands, and, once paid out to the vendor's
 * connected account on its own, the Stripe transfer that did it. It changes only with its
 * order (see {@link Order}'s transitions).
 */
public record SubOrder(UUID id, VendorId vendorId, Totals totals, BasisPoints commissionRate, Money commission,
        @Nullable ConnectedAccountId account, SubOrderStatus status, @Nullable String transferId) {

    /** A new sub-order: pending its order's payment, nothing transferred. */
    public SubOrder(UUID id, VendorId vendorId, Totals totals, BasisPoints commissionRate, Money commission,
            @Nullable ConnectedAccountId account) {
        this(id, vendorId, totals, commissionRate, commission, account, SubOrderStatus.PENDING, null);
    }

    public SubOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(commissionRate, "commissionRate");
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(status, "status");
        if (commission.compareTo(totals.total()) > 0) {
            throw new IllegalArgumentException("a commission cannot exceed the sub-order's total");
        }
    }

    /** This sub-order moved to {@code next}. */
    SubOrder withStatus(SubOrderStatus next) {
        return new SubOrder(id, vendorId, totals, commissionRate, commission, account, next, transferId);
    }

    public Money vendorShare() {
        return totals.total().minus(commission);
    }

    /**
     * Whether the vendor's share still has to be transferred to its connected account.
     */
    public boolean awaitsTransfer() {
        return account != null && transferId == null && vendorShare().minor() > 0;
    }

}
