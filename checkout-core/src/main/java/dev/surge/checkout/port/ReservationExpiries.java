package dev.surge.checkout.port;

import dev.surge.checkout.domain.ReservationId;
import reactor.core.publisher.Mono;

/**
 * Told once for each reservation whose hold ran out before it was committed, after its
 * stock went back; the checkout cancels the order. Implementations must be idempotent: in
 * rare failures (a pod dying mid-report) a later pass does not repeat the report, so the
 * order is also cancelled when its commit answers {@code EXPIRED}.
 */
public interface ReservationExpiries {

    /** Completes when the expiry is handled; an error is logged and not retried. */
    Mono<Void> expired(ReservationId id);

}
