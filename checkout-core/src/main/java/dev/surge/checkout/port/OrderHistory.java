package dev.surge.checkout.port;

import java.time.Instant;
import java.util.List;

import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.VendorId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Orders looked up after the fact: by their customer, by the operator, with their events.
 */
public interface OrderHistory {

    /** Emits the customer's orders, newest first, before {@code before} when given. */
    Mono<List<Order>> ofCustomer(CustomerId customer, @Nullable Position before, int limit);

    /** Emits the orders matching every given filter, newest first. */
    Mono<List<Order>> search(Search search, @Nullable Position before, int limit);

    /** Emits the events the order caused, in the order they happened. */
    Mono<List<OrderEvent>> events(OrderId order);

    /** A place in a newest-first list of orders. */
    record Position(Instant placedAt, OrderId order) {
    }

    /**
     * What an operator looks for; {@code from} inclusive, {@code to} exclusive,
     * {@code email} matched whole, ignoring case.
     */
    record Search(@Nullable OrderId order, @Nullable String email, @Nullable VendorId vendor,
            @Nullable OrderStatus status, @Nullable Instant from, @Nullable Instant to) {
    }

}
