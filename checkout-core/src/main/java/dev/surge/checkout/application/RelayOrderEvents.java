package dev.surge.checkout.application;

import java.time.Duration;
import java.util.List;

import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.port.OrderEventBus;
import dev.surge.checkout.port.OrderEventLog;
import reactor.core.publisher.Mono;

/**
 * Publishes the outbox: under a lease (one relay at a time, whichever instance), takes a
 * batch of unpublished events in sequence order, publishes it and marks it published only
 * after the broker acknowledged it. A crash between the two re-sends the batch later:
 * events may repeat, never get lost.
 */
public final class RelayOrderEvents {

    private final OrderEventLog log;

    private final OrderEventBus bus;

    private final String holder;

    private final Duration lease;

    private final int batchSize;

    private static final long NOT_HELD = Long.MIN_VALUE;

    /** {@link System#nanoTime()} after which the lease must be renewed. */
    private volatile long renewAfter = NOT_HELD;

    public RelayOrderEvents(OrderEventLog log, OrderEventBus bus, String holder, Duration lease, int batchSize) {
        this.log = log;
        this.bus = bus;
        this.holder = holder;
        this.lease = lease;
        this.batchSize = batchSize;
    }

    /** Emits how many events this pass published (0 without the lease). */
    public Mono<Integer> relay() {
        return holdLease().flatMap(
                leased -> leased ? log.nextToPublish(batchSize).collectList().flatMap(this::publish) : Mono.just(0));
    }

    /**
     * Renews the lease only once half of it has passed (measured from before the last
     * renewal was sent, so never later than the store's own expiry): passes run every few
     * milliseconds under load, and a write per pass would cost a durable commit each.
     */
    private Mono<Boolean> holdLease() {
        return Mono.defer(() -> {
            long now = System.nanoTime();
            if (renewAfter != NOT_HELD && now - renewAfter < 0) {
                return Mono.just(true);
            }
            return log.lease(holder, lease)
                .doOnNext(leased -> renewAfter = leased ? now + lease.toNanos() / 2 : NOT_HELD);
        });
    }

    private Mono<Integer> publish(List<OrderEvent> batch) {
        if (batch.isEmpty()) {
            return Mono.just(0);
        }
        return bus.publish(batch)
            .then(log.markPublished(batch.stream().map(OrderEvent::sequence).toList()))
            .thenReturn(batch.size());
    }

}
