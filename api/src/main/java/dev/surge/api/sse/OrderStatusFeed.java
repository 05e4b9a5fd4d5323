package dev.surge.api.sse;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.surge.api.persistence.R2dbcOrders;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.api.persistence.PostgresChannel;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Order status changes as PostgreSQL announces them ({@code LISTEN surge_order_status};
 * every status change notifies in its own transaction, so only committed changes are
 * heard, from any instance), on one {@link PostgresChannel} per instance that subscribers
 * share.
 */
public final class OrderStatusFeed implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OrderStatusFeed.class);

    private final PostgresChannel channel;

    private final Sinks.Many<StatusChange> changes = Sinks.many().multicast().directBestEffort();

    private final Sinks.Many<Long> reconnections = Sinks.many().multicast().directBestEffort();

    private volatile Disposable listening;

    public OrderStatusFeed(ConnectionFactory connections) {
        this.channel = new PostgresChannel(connections, R2dbcOrders.STATUS_CHANNEL);
    }

    /** A change of one order's status. */
    public record StatusChange(OrderId orderId, OrderStatus status, Instant at) {
    }

    /** The changes of one order from now on (hot: nothing from before subscribing). */
    public Flux<StatusChange> changes(OrderId orderId) {
        return changes.asFlux().filter(change -> change.orderId().equals(orderId));
    }

    /** Every order's changes from now on (hot). */
    public Flux<StatusChange> allChanges() {
        return changes.asFlux();
    }

    /**
     * Signals each time listening resumed after an interruption (changes may have been
     * missed).
     */
    public Flux<Long> reconnections() {
        return reconnections.asFlux();
    }

    @Override
    public void start() {
        listening = channel.listen().flatMap(heard -> switch (heard) {
            case PostgresChannel.Heard.Listening listening -> {
                // Changes made while the connection was down were never heard: streams
                // then read the status again.
                if (listening.count() > 1) {
                    reconnections.tryEmitNext(listening.count());
                }
                yield Mono.<StatusChange>empty();
            }
            case PostgresChannel.Heard.Notified notified -> Mono.justOrEmpty(parse(notified.payload()));
        }).subscribe(change -> changes.emitNext(change, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(50))));
    }

    private static java.util.Optional<StatusChange> parse(String payload) {
        if (payload == null) {
            return java.util.Optional.empty();
        }
        String[] parts = payload.split(":", 3);
        try {
            return java.util.Optional.of(new StatusChange(new OrderId(UUID.fromString(parts[0])),
                    OrderStatus.valueOf(parts[1]), Instant.parse(parts[2])));
        }
        catch (RuntimeException malformed) {
            LOG.warn("Ignoring a malformed order status notification: {}", payload);
            return java.util.Optional.empty();
        }
    }

    @Override
    public void stop() {
        Disposable current = listening;
        if (current != null) {
            current.dispose();
        }
        changes.tryEmitComplete();
    }

    @Override
    public boolean isRunning() {
        Disposable current = listening;
        return current != null && !current.isDisposed();
    }

}
