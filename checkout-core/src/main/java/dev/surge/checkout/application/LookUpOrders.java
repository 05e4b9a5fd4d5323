package dev.surge.checkout.application;

import java.util.List;

import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.port.OrderHistory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** A customer's own orders, newest first. */
public final class LookUpOrders {

    private final OrderHistory history;

    public LookUpOrders(OrderHistory history) {
        this.history = history;
    }

    public Mono<List<Order>> ofCustomer(CustomerId customer, OrderHistory.@Nullable Position before, int limit) {
        return history.ofCustomer(customer, before, limit);
    }

}
