package dev.surge.checkout.application;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorSubOrder;
import dev.surge.checkout.port.ConcurrentOrderUpdate;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.VendorOrders;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A vendor ships its part of a paid order: the order's own transition, so a shipping that
 * races another change of the order (another vendor shipping, the order withdrawn for a
 * refund) is tried again from what is stored.
 */
public final class ShipSubOrder {

    private final VendorOrders vendorOrders;

    private final Orders orders;

    private final Clock clock;

    public ShipSubOrder(VendorOrders vendorOrders, Orders orders, Clock clock) {
        this.vendorOrders = vendorOrders;
        this.orders = orders;
        this.clock = clock;
    }

    /**
     * Emits what shipping came to; completes empty when the vendor has no such sub-order.
     */
    public Mono<Outcome> ship(VendorId vendor, UUID subOrderId, String carrier, String trackingNumber) {
        Mono<Outcome> attempt = Mono.defer(() -> vendorOrders.find(vendor, subOrderId)
            .flatMap(subOrder -> orders.find(subOrder.orderId())
                .flatMap(order -> switch (order.subOrder(subOrderId).status()) {
                    case ACCEPTED -> orders.record(order.ship(subOrderId, carrier, trackingNumber, clock.instant()))
                        .then(vendorOrders.find(vendor, subOrderId))
                        .map(Outcome.Shipped::new);
                    // The sub-order as the order has it now (it may have moved since
                    // it was first read).
                    case SHIPPED -> vendorOrders.find(vendor, subOrderId).map(Outcome.Shipped::new);
                    case PENDING, CANCELLED -> vendorOrders.find(vendor, subOrderId).map(Outcome.NotShippable::new);
                })));
        return attempt.retryWhen(Retry.backoff(5, Duration.ofMillis(5))
            .filter(ConcurrentOrderUpdate.class::isInstance)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** What shipping came to. */
    public sealed interface Outcome {

        VendorSubOrder subOrder();

        /** Shipped now, or before (shipping again changes nothing). */
        record Shipped(VendorSubOrder subOrder) implements Outcome {
        }

        /** Not paid yet, or cancelled. */
        record NotShippable(VendorSubOrder subOrder) implements Outcome {
        }

    }

}
