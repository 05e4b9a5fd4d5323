package dev.surge.checkout.port;

import java.util.List;

import dev.surge.checkout.domain.OrderEvent;
import reactor.core.publisher.Mono;

/** Where order events go for everyone else (Kafka). */
public interface OrderEventBus {

    /**
     * Publishes the events, each vendor's and each order's in the given order. Completes
     * once the broker acknowledged every one of them; errors if any was not (then some
     * may have been published: publishing again is safe, consumers de-duplicate).
     */
    Mono<Void> publish(List<OrderEvent> events);

}
