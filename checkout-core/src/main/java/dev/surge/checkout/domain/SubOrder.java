package dev.surge.checkout.domain;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One vendor's part of an order: its totals, the marketplace's commission (the sum of its
 * lines' commissions, each decided by the commission rule in force when the order was
 * placed; {@code commissionRate} is what that comes to on the goods subtotal) and what
 * the vendor receives ({@code total - commission}), where it stands, and, once paid out
 * to the vendor's connected account on its own, the Stripe transfer that did it. It
 * changes only with its order (see {@link Order}'s transitions).
 *
 * @param lineCommissions each line's commission and rule, as placed (empty when read back
 * from the store, which keeps them on the order's lines)
 */
public record SubOrder(UUID id, VendorId vendorId, Totals totals, BasisPoints commissionRate, Money commission,
        @Nullable ConnectedAccountId account, SubOrderStatus status, @Nullable String transferId,
        List<LineCommission> lineCommissions) {

    /** A new sub-order: pending its order's payment, nothing transferred. */
    public SubOrder(UUID id, VendorId vendorId, Totals totals, BasisPoints commissionRate, Money commission,
            @Nullable ConnectedAccountId account) {
        this(id, vendorId, totals, commissionRate, commission, account, SubOrderStatus.PENDING, null);
    }

    public SubOrder(UUID id, VendorId vendorId, Totals totals, BasisPoints commissionRate, Money commission,
            @Nullable ConnectedAccountId account, SubOrderStatus status, @Nullable String transferId) {
        this(id, vendorId, totals, commissionRate, commission, account, status, transferId, List.of());
    }

    /**
     * A new sub-order of the goods lines given, its commission the sum of theirs: pending
     * its order's payment, nothing transferred.
     */
    public static SubOrder placed(UUID id, VendorId vendorId, Totals totals, List<LineCommission> lineCommissions,
            @Nullable ConnectedAccountId account) {
        Money commission = lineCommissions.stream()
            .map(LineCommission::amount)
            .reduce(Money.zero(totals.total().currency()), Money::plus);
        long subtotal = totals.subtotal().minor();
        int rate = subtotal == 0 ? 0 : (int) Math.min(BasisPoints.WHOLE,
                (commission.minor() * BasisPoints.WHOLE * 2 + subtotal) / (2 * subtotal));
        return new SubOrder(id, vendorId, totals, BasisPoints.of(rate), commission, account, SubOrderStatus.PENDING,
                null, lineCommissions);
    }

    public SubOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(commissionRate, "commissionRate");
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(status, "status");
        lineCommissions = List.copyOf(lineCommissions);
        if (commission.compareTo(totals.total()) > 0) {
            throw new IllegalArgumentException("a commission cannot exceed the sub-order's total");
        }
    }

    /** This sub-order moved to {@code next}. */
    SubOrder withStatus(SubOrderStatus next) {
        return new SubOrder(id, vendorId, totals, commissionRate, commission, account, next, transferId,
                lineCommissions);
    }

    public Money vendorShare() {
        return totals.total().minus(commission);
    }

    /**
     * Whether the vendor's share still has to be transferred: to the connected account
     * the sub-order was placed with, or, placed before its vendor had one, to the account
     * the vendor has when it is paid.
     */
    public boolean awaitsTransfer() {
        return transferId == null && vendorShare().minor() > 0;
    }

}
