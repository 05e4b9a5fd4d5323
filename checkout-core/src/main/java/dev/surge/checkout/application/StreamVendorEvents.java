package dev.surge.checkout.application;

import java.util.concurrent.atomic.AtomicLong;

import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.OrderEventLog;
import dev.surge.checkout.port.VendorEventFeed;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A vendor's sub-order events as one gap-free stream: first what it missed since the last
 * sequence it saw (from the outbox), then live events (from the broker), joined without a
 * gap (live events are buffered from before the catch-up read) and without a repeat (only
 * events with a higher sequence than the last one sent pass).
 */
public final class StreamVendorEvents {

    /**
     * A catch-up longer than this is cut; the vendor resumes from the last event it got.
     */
    static final int MAX_CATCH_UP = 10_000;

    private final OrderEventLog log;

    private final VendorEventFeed feed;

    public StreamVendorEvents(OrderEventLog log, VendorEventFeed feed) {
        this.log = log;
        this.feed = feed;
    }

    /**
     * Emits the vendor's events after {@code lastSeen} (0 for none seen), then live ones,
     * in sequence order.
     */
    public Flux<OrderEvent> stream(VendorId vendor, long lastSeen) {
        return feed.ready().thenMany(Flux.defer(() -> {
            // Live events arriving during the catch-up read wait here (and only until the
            // stream reaches them: nothing is kept for the stream's lifetime).
            Sinks.Many<OrderEvent> live = Sinks.many().unicast().onBackpressureBuffer();
            Disposable listening = feed.live(vendor)
                .subscribe(live::tryEmitNext, live::tryEmitError, live::tryEmitComplete);
            AtomicLong last = new AtomicLong(lastSeen);
            return Flux.concat(log.vendorEventsAfter(vendor, lastSeen, MAX_CATCH_UP), live.asFlux())
                .filter(event -> vendor.equals(event.vendorId()) && event.sequence() > last.get())
                .doOnNext(event -> last.set(event.sequence()))
                .doFinally(signal -> listening.dispose());
        }));
    }

}
