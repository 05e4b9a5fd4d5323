package dev.surge.checkout.application;

import java.util.UUID;

import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorSubOrder;
import dev.surge.checkout.port.VendorOrders;
import reactor.core.publisher.Mono;

/** A vendor ships its part of a paid order. */
public final class ShipSubOrder {

    private final VendorOrders vendorOrders;

    public ShipSubOrder(VendorOrders vendorOrders) {
        this.vendorOrders = vendorOrders;
    }

    /**
     * Emits what shipping came to; completes empty when the vendor has no such sub-order.
     */
    public Mono<Outcome> ship(VendorId vendor, UUID subOrderId, String carrier, String trackingNumber) {
        return vendorOrders.find(vendor, subOrderId).flatMap(subOrder -> switch (subOrder.status()) {
            case ACCEPTED -> vendorOrders.ship(subOrder, carrier, trackingNumber)
                .<Outcome>map(Outcome.Shipped::new)
                .switchIfEmpty(Mono.defer(() -> vendorOrders.find(vendor, subOrderId).map(Outcome.NotShippable::new)));
            case SHIPPED -> Mono.just(new Outcome.Shipped(subOrder));
            case PENDING, CANCELLED -> Mono.just(new Outcome.NotShippable(subOrder));
        });
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
