package dev.surge.checkout.application;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderTransition;
import dev.surge.checkout.domain.SubOrderStatus;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorSubOrder;
import dev.surge.checkout.port.ConcurrentOrderUpdate;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.VendorOrders;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A vendor accepts and ships its part of a paid order. Each is the order's own
 * transition, so one that races another change of the order (another vendor shipping, the
 * order withdrawn for a refund) is tried again from what is stored, and doing it again
 * changes nothing.
 */
public final class FulfilSubOrders {

    private final VendorOrders vendorOrders;

    private final Orders orders;

    private final Clock clock;

    public FulfilSubOrders(VendorOrders vendorOrders, Orders orders, Clock clock) {
        this.vendorOrders = vendorOrders;
        this.orders = orders;
        this.clock = clock;
    }

    /**
     * Emits what accepting came to; completes empty when the vendor has no such
     * sub-order. Accepting an accepted sub-order again answers it as it is.
     */
    public Mono<Outcome> accept(VendorId vendor, UUID subOrderId) {
        return move(vendor, subOrderId, SubOrderStatus.ACCEPTED, order -> order.awaitsVendor(subOrderId),
                order -> order.accept(subOrderId, clock.instant()));
    }

    /**
     * Emits what shipping came to; completes empty when the vendor has no such sub-order.
     * Shipping a shipped sub-order again answers it as it is.
     */
    public Mono<Outcome> ship(VendorId vendor, UUID subOrderId, String carrier, String trackingNumber) {
        return move(vendor, subOrderId, SubOrderStatus.SHIPPED, order -> order.shippable(subOrderId),
                order -> order.ship(subOrderId, carrier, trackingNumber, clock.instant()));
    }

    private Mono<Outcome> move(VendorId vendor, UUID subOrderId, SubOrderStatus target, Predicate<Order> allowed,
            Function<Order, OrderTransition> transition) {
        Mono<Outcome> attempt = Mono.defer(() -> vendorOrders.find(vendor, subOrderId)
            .flatMap(subOrder -> orders.find(subOrder.orderId()).flatMap(order -> {
                if (allowed.test(order)) {
                    return orders.record(transition.apply(order))
                        .then(vendorOrders.find(vendor, subOrderId))
                        .map(Outcome.Done::new);
                }
                // The sub-order as the order has it now (it may have moved since it
                // was first read).
                Function<VendorSubOrder, Outcome> answer = order.subOrder(subOrderId).status() == target
                        ? Outcome.Done::new : Outcome.Refused::new;
                return vendorOrders.find(vendor, subOrderId).map(answer);
            })));
        return attempt.retryWhen(Retry.backoff(5, Duration.ofMillis(5))
            .filter(ConcurrentOrderUpdate.class::isInstance)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** What accepting or shipping came to. */
    public sealed interface Outcome {

        VendorSubOrder subOrder();

        /** Done now, or before (doing it again changes nothing). */
        record Done(VendorSubOrder subOrder) implements Outcome {
        }

        /**
         * Not possible in the state the sub-order is in (its order not paid, cancelled,
         * or, for accepting, shipped).
         */
        record Refused(VendorSubOrder subOrder) implements Outcome {
        }

    }

}
