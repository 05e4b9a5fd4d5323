package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An order's move, as its store needs it: the order it started from (the store moves only
 * an order still at that version), the order it became, and what happened.
 *
 * @param transfersDue sub-orders whose vendor shares are now owed to their connected
 * accounts (paying an order split into separate transfers)
 * @param transfersCalledOff sub-orders whose shares are owed no more (cancelled)
 * @param reversalsDue sub-orders whose transferred shares are now to be taken back (the
 * order was refunded): owed until each reversal is made
 */
public record OrderTransition(Order from, Order to, List<OrderChange> changes, Set<UUID> transfersDue,
        Set<UUID> transfersCalledOff, Set<UUID> reversalsDue) {

    /** A move that takes no transferred share back. */
    public OrderTransition(Order from, Order to, List<OrderChange> changes, Set<UUID> transfersDue,
            Set<UUID> transfersCalledOff) {
        this(from, to, changes, transfersDue, transfersCalledOff, Set.of());
    }

    public OrderTransition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a transition is something happening to the order");
        }
        transfersDue = Set.copyOf(transfersDue);
        transfersCalledOff = Set.copyOf(transfersCalledOff);
        reversalsDue = Set.copyOf(reversalsDue);
        if (!from.id().equals(to.id()) || to.version() != from.version() + 1) {
            throw new IllegalArgumentException("a transition moves one order by one version");
        }
    }

    /** When the move happened (its first change). */
    public Instant at() {
        return changes.getFirst().at();
    }

    /** The sub-orders whose status this move changes. */
    public List<SubOrderMove> subOrderMoves() {
        return to.subOrders()
            .stream()
            .filter(sub -> sub.status() != from.subOrder(sub.id()).status())
            .map(sub -> new SubOrderMove(sub.id(), from.subOrder(sub.id()).status(), sub.status()))
            .toList();
    }

    /** One sub-order's move. */
    public record SubOrderMove(UUID subOrderId, SubOrderStatus from, SubOrderStatus to) {
    }

}
