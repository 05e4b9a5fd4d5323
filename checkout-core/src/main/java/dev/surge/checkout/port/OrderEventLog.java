package dev.surge.checkout.port;

import java.time.Duration;
import java.util.Collection;

import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.VendorId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The outbox of order events in the store of record (PostgreSQL). */
public interface OrderEventLog {

    /**
     * Claims or renews the right to publish for {@code holder} for {@code lease}; emits
     * whether this holder has it. One publisher at a time keeps the events in order.
     */
    Mono<Boolean> lease(String holder, Duration lease);

    /**
     * Emits up to {@code limit} events not yet published, in the order to publish them,
     * each with its stream sequence (given now to those that had none, after every
     * sequence given before).
     */
    Flux<OrderEvent> nextToPublish(int limit);

    /** Notes the events as published (acknowledged by the broker). */
    Mono<Void> markPublished(Collection<Long> sequences);

    /**
     * Emits the vendor's sub-order events after {@code sequence}, in order, at most
     * {@code limit}: what a vendor missed while disconnected.
     */
    Flux<OrderEvent> vendorEventsAfter(VendorId vendor, long sequence, int limit);

}
