package dev.surge.checkout.application;

import java.util.List;

import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.port.OrderHistory;
import dev.surge.checkout.port.Orders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The operator's order search, and one order with everything that happened to it. */
public final class SearchOrders {

    private final OrderHistory history;

    private final Orders orders;

    public SearchOrders(OrderHistory history, Orders orders) {
        this.history = history;
        this.orders = orders;
    }

    public Mono<List<Order>> search(OrderHistory.Search search, OrderHistory.@Nullable Position before, int limit) {
        return history.search(search, before, limit);
    }

    /** An order and its events; completes empty when there is no such order. */
    public Mono<OrderWithEvents> open(OrderId id) {
        return orders.find(id).zipWith(history.events(id), OrderWithEvents::new);
    }

    public record OrderWithEvents(Order order, List<OrderEvent> events) {
    }

}
