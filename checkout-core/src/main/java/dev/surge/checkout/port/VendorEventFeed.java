package dev.surge.checkout.port;

import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.VendorId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sub-order events as they are published, for live vendor streams. */
public interface VendorEventFeed {

    /**
     * The vendor's events from now on (hot); may repeat an event, never another vendor's.
     */
    Flux<OrderEvent> live(VendorId vendor);

    /**
     * Completes once {@link #live} delivers every event published from then on. Just
     * after start a feed may not yet know where it reads from; a stream reads what it
     * missed only after this, so nothing published in between falls through the gap.
     */
    default Mono<Void> ready() {
        return Mono.empty();
    }

}
