package dev.surge.checkout.application;

import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderChange;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderTransition;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.SubOrder;
import dev.surge.checkout.domain.SubOrderStatus;
import dev.surge.checkout.port.CheckoutRequests;
import dev.surge.checkout.port.ConcurrentOrderUpdate;
import dev.surge.checkout.port.Orders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Orders in a map, moved the way the real store moves them: only from the version they
 * were read at, with the events of each move kept in an outbox list. Vendor transfers are
 * not kept here.
 */
final class InMemoryOrders implements Orders {

    private final Map<OrderId, Order> orders = new ConcurrentHashMap<>();

    private final Queue<Runnable> beforeRecords = new ConcurrentLinkedQueue<>();

    private final Queue<Runnable> beforeWithdrawals = new ConcurrentLinkedQueue<>();

    /** Every event written, in order. */
    final List<OrderChange.Published> outbox = new CopyOnWriteArrayList<>();

    /** What each sub-order withdrawn for a refund was before. */
    private final Map<UUID, SubOrderStatus> withdrawn = new ConcurrentHashMap<>();

    /** The transfers marked owed, per sub-order, by the moves so far. */
    final Set<UUID> transfersOwed = ConcurrentHashMap.newKeySet();

    final Set<UUID> reversalsOwed = ConcurrentHashMap.newKeySet();

    /** Stores {@code order} as if placed long ago. */
    InMemoryOrders with(Order order) {
        orders.put(order.id(), order);
        return this;
    }

    /**
     * Runs {@code action} at the start of the next move, before its version is checked.
     */
    InMemoryOrders beforeNextRecord(Runnable action) {
        beforeRecords.add(action);
        return this;
    }

    /** Runs {@code action} at the start of the next withdrawal from the vendors. */
    InMemoryOrders beforeNextWithdrawal(Runnable action) {
        beforeWithdrawals.add(action);
        return this;
    }

    /** The order as stored now. */
    Order stored(OrderId id) {
        return orders.get(id);
    }

    List<String> eventTypes() {
        return outbox.stream().map(OrderChange.Published::type).toList();
    }

    @Override
    public Mono<Order> place(Order order, CartId cart, @Nullable String clientSecret,
            CheckoutRequests.Attempt attempt) {
        return Mono.fromSupplier(() -> {
            Order placed = orders.computeIfAbsent(order.id(), id -> {
                outbox.addAll(order.placed().published());
                return order;
            });
            return placed;
        });
    }

    @Override
    public Flux<OrderId> pendingExpiredBefore(Instant instant, int limit) {
        return Flux.defer(() -> Flux.fromStream(orders.values()
            .stream()
            .filter(order -> order.status() == dev.surge.checkout.domain.OrderStatus.PENDING_PAYMENT)
            .filter(order -> order.reservationExpiresAt().isBefore(instant))
            .map(Order::id)
            .limit(limit)));
    }

    @Override
    public Flux<PaymentIntentId> paymentsAwaitedSince(Instant instant, int limit) {
        return Flux.defer(() -> Flux.fromStream(orders.values()
            .stream()
            .filter(order -> order.status() == dev.surge.checkout.domain.OrderStatus.PENDING_PAYMENT)
            .filter(order -> order.payment() != null && order.placedAt().isBefore(instant))
            .sorted(java.util.Comparator.comparing(Order::reservationExpiresAt))
            .map(Order::payment)
            .limit(limit)));
    }

    @Override
    public Mono<Order> find(OrderId id) {
        return Mono.fromSupplier(() -> orders.get(id));
    }

    @Override
    public Mono<Order> findByPayment(PaymentIntentId payment) {
        return Mono.fromSupplier(() -> orders.values()
            .stream()
            .filter(order -> payment.equals(order.payment()))
            .findFirst()
            .orElse(null));
    }

    @Override
    public Mono<String> clientSecret(OrderId id) {
        return Mono.empty();
    }

    @Override
    public Mono<Order> record(OrderTransition transition) {
        return Mono.defer(() -> {
            Runnable before = beforeRecords.poll();
            if (before != null) {
                before.run();
            }
            Order from = transition.from();
            Order current = orders.get(from.id());
            if (current == null || current.version() != from.version() || current.status() != from.status()
                    || !orders.replace(from.id(), current, transition.to())) {
                return Mono.error(new ConcurrentOrderUpdate("order " + from.id() + " changed meanwhile"));
            }
            transition.changes().forEach(change -> outbox.addAll(change.published()));
            transfersOwed.addAll(transition.transfersDue());
            transfersOwed.removeAll(transition.transfersCalledOff());
            reversalsOwed.addAll(transition.reversalsDue());
            return Mono.just(transition.to());
        });
    }

    @Override
    public Flux<TransfersDue> transfersDue(int limit) {
        return Flux.error(new UnsupportedOperationException("transfers are not kept here"));
    }

    @Override
    public Mono<Map<OrderId, Set<UUID>>> recordTransfers(Map<OrderId, Map<UUID, String>> transfersByOrder,
            Set<UUID> held) {
        return Mono.error(new UnsupportedOperationException("transfers are not kept here"));
    }

    @Override
    public Mono<Void> retryTransfersLater(OrderId id, Duration first, Duration longest) {
        return Mono.error(new UnsupportedOperationException("transfers are not kept here"));
    }

    @Override
    public Flux<ReversalDue> reversalsDue(int limit) {
        return Flux.error(new UnsupportedOperationException("transfers are not kept here"));
    }

    @Override
    public Mono<Void> reversed(UUID subOrderId) {
        return Mono.error(new UnsupportedOperationException("transfers are not kept here"));
    }

    @Override
    public Mono<Void> retryReversalLater(UUID subOrderId, Duration first, Duration longest) {
        return Mono.error(new UnsupportedOperationException("transfers are not kept here"));
    }

    @Override
    public Mono<Boolean> withdrawFromVendors(OrderId id) {
        return Mono.fromSupplier(() -> {
            Runnable before = beforeWithdrawals.poll();
            if (before != null) {
                before.run();
            }
            Order order = orders.get(id);
            if (order.subOrders().stream().anyMatch(sub -> sub.status() == SubOrderStatus.SHIPPED)) {
                return false;
            }
            // As in PostgreSQL: the version moves only when something was withdrawn, and
            // each sub-order remembers whether its vendor had accepted it.
            Map<UUID, SubOrderStatus> withdrawing = new java.util.HashMap<>();
            order.subOrders()
                .stream()
                .filter(sub -> sub.status() == SubOrderStatus.PENDING || sub.status() == SubOrderStatus.ACCEPTED)
                .forEach(sub -> withdrawing.put(sub.id(), sub.status()));
            if (!withdrawing.isEmpty()) {
                withdrawn.putAll(withdrawing);
                orders.put(id, withSubOrders(order,
                        sub -> withdrawing.containsKey(sub.id()) ? SubOrderStatus.CANCELLED : sub.status()));
            }
            order.subOrders().forEach(sub -> transfersOwed.remove(sub.id()));
            return true;
        });
    }

    @Override
    public Mono<Void> returnToVendors(OrderId id) {
        return Mono.fromRunnable(
                () -> orders.computeIfPresent(id,
                        (key, order) -> order.status() == dev.surge.checkout.domain.OrderStatus.PAID
                                ? withSubOrders(order,
                                        sub -> sub.status() == SubOrderStatus.CANCELLED
                                                ? withdrawn.getOrDefault(sub.id(), sub.status()) : sub.status())
                                : order));
    }

    /**
     * A change made elsewhere: each of the order's sub-orders moved as {@code next} says.
     */
    private static Order withSubOrders(Order order, java.util.function.Function<SubOrder, SubOrderStatus> next) {
        List<SubOrder> subOrders = order.subOrders()
            .stream()
            .map(sub -> new SubOrder(sub.id(), sub.vendorId(), sub.totals(), sub.commissionRate(), sub.commission(),
                    sub.account(), next.apply(sub), sub.transferId()))
            .toList();
        return new Order(order.id(), order.customer(), order.orderTokenHash(), order.email(), order.shippingAddress(),
                order.country(), order.status(), order.totals(), order.lines(), subOrders, order.reservation(),
                order.reservationExpiresAt(), order.payment(), order.placedAt(), order.version() + 1);
    }

}
