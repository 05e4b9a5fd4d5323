package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * An order placed from a priced cart: its lines, one sub-order per vendor and the stock
 * held for it until payment. The sub-orders' totals add up to the order's totals exactly
 * (they are the cart's vendor shares). Its life is its transitions ({@link #pay},
 * {@link #cancel}, {@link #refund}, {@link #accept}, {@link #ship}): each answers the
 * order it becomes and what happened, for the store to write together; only the moves of
 * {@link OrderStatus} exist.
 *
 * @param customer the signed-in customer; {@code null} for a guest, who uses the order
 * token
 * @param orderTokenHash hash of the token that opens the order for a guest
 */
public record Order(OrderId id, @Nullable CustomerId customer, String orderTokenHash, String email,
        Map<String, String> shippingAddress, CountryCode country, OrderStatus status, Totals totals,
        List<PricedLine> lines, List<SubOrder> subOrders, ReservationId reservation, Instant reservationExpiresAt,
        @Nullable PaymentIntentId payment, Instant placedAt, long version) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderTokenHash, "orderTokenHash");
        email = Text.required(email, "email", 320);
        shippingAddress = Map.copyOf(shippingAddress);
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(totals, "totals");
        lines = List.copyOf(lines);
        subOrders = List.copyOf(subOrders);
        Objects.requireNonNull(reservation, "reservation");
        Objects.requireNonNull(reservationExpiresAt, "reservationExpiresAt");
        Objects.requireNonNull(placedAt, "placedAt");
        Totals sum = subOrders.stream()
            .map(SubOrder::totals)
            .reduce(Totals.zero(totals.total().currency()), Totals::plus);
        if (!sum.equals(totals)) {
            throw new IllegalArgumentException("sub-orders must add up to the order's totals");
        }
    }

    /**
     * This order with the payment that will collect it recorded (its status does not
     * change until the payment settles).
     */
    public Order withPayment(PaymentIntentId paymentId) {
        return new Order(id, customer, orderTokenHash, email, shippingAddress, country, status, totals, lines,
                subOrders, reservation, reservationExpiresAt, Objects.requireNonNull(paymentId, "paymentId"), placedAt,
                version);
    }

    /**
     * A new order, pending payment, from a cart priced for checkout; one sub-order per
     * vendor share, its commission the sum of its lines' as {@code commissions} decides
     * them, paid to the account in the vendor's {@code terms}.
     */
    public static Order place(OrderId id, PricedCart cart, Map<VendorId, VendorTerms> terms,
            CommissionPolicy commissions, String orderTokenHash, String email, Map<String, String> shippingAddress,
            Instant placedAt, Instant reservationExpiresAt, Supplier<UUID> ids) {
        if (!cart.isCheckoutReady()) {
            throw new IllegalArgumentException("only a non-empty cart whose lines are all for sale can be ordered");
        }
        List<SubOrder> subOrders = new ArrayList<>();
        for (VendorShare share : cart.vendors()) {
            VendorTerms vendor = terms.get(share.vendorId());
            if (vendor == null) {
                throw new IllegalArgumentException("no terms for vendor " + share.vendorId());
            }
            List<LineCommission> lineCommissions = cart.lines()
                .stream()
                .filter(line -> line.vendorId().equals(share.vendorId()))
                .map(commissions::commissionOn)
                .toList();
            subOrders
                .add(SubOrder.placed(ids.get(), share.vendorId(), share.totals(), lineCommissions, vendor.account()));
        }
        return new Order(id, cart.cart().owner(), orderTokenHash, email, shippingAddress, cart.cart().country(),
                OrderStatus.PENDING_PAYMENT, cart.totals(), cart.lines(), subOrders, new ReservationId(id.value()),
                reservationExpiresAt, null, placedAt, 0);
    }

    /** What placing this order was, for its events. */
    public OrderChange.Placed placed() {
        return new OrderChange.Placed(this, placedAt);
    }

    /**
     * Paid: every sub-order goes to its vendor, still pending until the vendor accepts
     * it, and the vendors' shares become owed when they are paid by transfers of their
     * own (a destination charge pays its one vendor with the payment itself).
     */
    public OrderTransition pay(Instant at) {
        Order paid = with(status.moveTo(OrderStatus.PAID), subOrders);
        Set<UUID> owed = split() instanceof PaymentSplit.SeparateTransfers ? paid.subOrders()
            .stream()
            .filter(SubOrder::awaitsTransfer)
            .map(SubOrder::id)
            .collect(Collectors.toSet()) : Set.of();
        return new OrderTransition(this, paid, List.of(new OrderChange.Paid(paid, at)), owed, Set.of());
    }

    /** Called off before it was paid (by its customer, or its hold ended). */
    public OrderTransition cancel(Instant at) {
        Order cancelled = moved(OrderStatus.CANCELLED, Set.of(SubOrderStatus.PENDING), SubOrderStatus.CANCELLED);
        return calledOff(cancelled, new OrderChange.Cancelled(cancelled, at), Set.of());
    }

    /**
     * Refunded in full: what was not shipped, accepted by its vendor or not, is cancelled
     * (a sub-order on its way stays shipped; returns are another matter), and every
     * vendor share already transferred is to be taken back.
     */
    public OrderTransition refund(Instant at) {
        Order refunded = moved(OrderStatus.REFUNDED, Set.of(SubOrderStatus.PENDING, SubOrderStatus.ACCEPTED),
                SubOrderStatus.CANCELLED);
        // Every share already transferred is taken back, each reversal owed until made.
        Set<UUID> transferred = subOrders.stream()
            .filter(sub -> sub.transferId() != null)
            .map(SubOrder::id)
            .collect(Collectors.toSet());
        return calledOff(refunded, new OrderChange.Refunded(refunded, at), transferred);
    }

    private OrderTransition calledOff(Order after, OrderChange change, Set<UUID> reversalsDue) {
        Set<UUID> cancelled = after.subOrders()
            .stream()
            .filter(sub -> sub.status() == SubOrderStatus.CANCELLED)
            .map(SubOrder::id)
            .collect(Collectors.toSet());
        return new OrderTransition(this, after, List.of(change), Set.of(), cancelled, reversalsDue);
    }

    /**
     * Whether the vendor may accept this sub-order now: its order is paid and the vendor
     * has not taken it on yet.
     */
    public boolean awaitsVendor(UUID subOrderId) {
        return status == OrderStatus.PAID && subOrder(subOrderId).status() == SubOrderStatus.PENDING;
    }

    /** Whether this sub-order may ship now: paid, accepted or awaiting its vendor. */
    public boolean shippable(UUID subOrderId) {
        return awaitsVendor(subOrderId) || subOrder(subOrderId).status() == SubOrderStatus.ACCEPTED;
    }

    /**
     * One vendor takes on its paid sub-order. Throws {@link IllegalStateException} unless
     * the sub-order {@linkplain #awaitsVendor awaits its vendor}.
     */
    public OrderTransition accept(UUID subOrderId, Instant at) {
        if (!awaitsVendor(subOrderId)) {
            throw new IllegalStateException("sub-order " + subOrderId + " of a " + status + " order is "
                    + subOrder(subOrderId).status() + ": nothing to accept");
        }
        Order accepted = with(status, withSubOrder(subOrderId, SubOrderStatus.ACCEPTED));
        return new OrderTransition(this, accepted, List.of(new OrderChange.SubOrderAccepted(accepted, subOrderId, at)),
                Set.of(), Set.of());
    }

    /**
     * One vendor ships its sub-order (one not accepted yet is accepted on the way); the
     * last one shipped fulfils the order. Throws {@link IllegalStateException} unless the
     * sub-order is {@linkplain #shippable shippable}.
     */
    public OrderTransition ship(UUID subOrderId, String carrier, String trackingNumber, Instant at) {
        if (!shippable(subOrderId)) {
            throw new IllegalStateException("sub-order " + subOrderId + " of a " + status + " order is "
                    + subOrder(subOrderId).status() + ": it cannot ship");
        }
        List<SubOrder> after = withSubOrder(subOrderId, SubOrderStatus.SHIPPED);
        boolean allShipped = after.stream().allMatch(sub -> sub.status() == SubOrderStatus.SHIPPED);
        Order shipped = with(allShipped ? status.moveTo(OrderStatus.FULFILLED) : status, after);
        List<OrderChange> changes = new ArrayList<>();
        if (awaitsVendor(subOrderId)) {
            changes.add(new OrderChange.SubOrderAccepted(shipped, subOrderId, at));
        }
        changes.add(new OrderChange.SubOrderShipped(shipped, subOrderId, carrier, trackingNumber, at));
        if (allShipped) {
            changes.add(new OrderChange.Fulfilled(shipped, at));
        }
        return new OrderTransition(this, shipped, changes, Set.of(), Set.of());
    }

    private List<SubOrder> withSubOrder(UUID subOrderId, SubOrderStatus next) {
        return subOrders.stream().map(sub -> sub.id().equals(subOrderId) ? sub.withStatus(next) : sub).toList();
    }

    /** The sub-order with this id; throws {@link IllegalArgumentException} if none. */
    public SubOrder subOrder(UUID subOrderId) {
        return subOrders.stream()
            .filter(sub -> sub.id().equals(subOrderId))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("order " + id + " has no sub-order " + subOrderId));
    }

    /**
     * This order at {@code next}, its sub-orders at any of {@code subFrom} moved to
     * {@code subTo}.
     */
    private Order moved(OrderStatus next, Set<SubOrderStatus> subFrom, SubOrderStatus subTo) {
        OrderStatus target = status.moveTo(next);
        return with(target,
                subOrders.stream().map(sub -> subFrom.contains(sub.status()) ? sub.withStatus(subTo) : sub).toList());
    }

    private Order with(OrderStatus next, List<SubOrder> nextSubOrders) {
        return new Order(id, customer, orderTokenHash, email, shippingAddress, country, next, totals, lines,
                nextSubOrders, reservation, reservationExpiresAt, payment, placedAt, version + 1);
    }

    /**
     * Whether the caller may see and act on this order: its customer, or whoever holds
     * its token.
     */
    public boolean opensFor(@Nullable CustomerId caller, @Nullable String token) {
        if (caller != null && caller.equals(customer)) {
            return true;
        }
        return token != null && CartToken.matches(token, orderTokenHash);
    }

    public Money commission() {
        return subOrders.stream().map(SubOrder::commission).reduce(Money.zero(totals.total().currency()), Money::plus);
    }

    /**
     * How the payment reaches the vendors: straight to one vendor's account, or transfers
     * per sub-order.
     */
    public PaymentSplit split() {
        if (subOrders.size() == 1 && subOrders.getFirst().account() != null) {
            return new PaymentSplit.DestinationCharge(subOrders.getFirst().account(),
                    subOrders.getFirst().commission());
        }
        return new PaymentSplit.SeparateTransfers();
    }

    /** The stock held for this order. */
    public Reservation reservationOf() {
        return new Reservation(reservation, reservationLines(), reservationExpiresAt);
    }

    public List<ReservationLine> reservationLines() {
        return lines.stream().map(line -> new ReservationLine(line.sku(), Quantity.of(line.quantity()))).toList();
    }

}
