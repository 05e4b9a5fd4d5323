package dev.surge.checkout.application;

import java.time.Duration;

import dev.surge.checkout.port.ConcurrentVendorUpdate;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Back-office writes decide on what they read and store it only if it has not moved
 * since: one that lost a race reads again and decides again, a few times.
 */
final class ConcurrentUpdates {

    private ConcurrentUpdates() {
    }

    /**
     * {@code attempt} again (it must read afresh) while it fails with a concurrent
     * update.
     */
    static <T> Mono<T> retried(Mono<T> attempt) {
        return attempt.retryWhen(Retry.backoff(5, Duration.ofMillis(5))
            .filter(ConcurrentVendorUpdate.class::isInstance)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

}
