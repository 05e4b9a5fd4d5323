package dev.surge.checkout.application;

import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.port.Orders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Reads an order for its customer or the holder of its order token. */
public final class ShowOrder {

    private final Orders orders;

    public ShowOrder(Orders orders) {
        this.orders = orders;
    }

    /** Emits the order; completes empty when it does not exist for this caller. */
    public Mono<Order> show(OrderId id, @Nullable CustomerId customer, @Nullable String orderToken) {
        return orders.find(id).filter(order -> order.opensFor(customer, orderToken));
    }

}
