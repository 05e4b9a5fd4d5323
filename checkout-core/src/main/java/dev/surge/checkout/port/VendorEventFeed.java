package dev.surge.checkout.port;

import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.VendorId;
import reactor.core.publisher.Flux;

/** Sub-order events as they are published, for live vendor streams. */
public interface VendorEventFeed {

    /**
     * The vendor's events from now on (hot); may repeat an event, never another vendor's.
     */
    Flux<OrderEvent> live(VendorId vendor);

}
