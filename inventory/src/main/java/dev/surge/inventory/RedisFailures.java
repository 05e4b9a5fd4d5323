package dev.surge.inventory;

import java.util.concurrent.TimeoutException;

import dev.surge.checkout.port.InventoryUnavailable;
import io.lettuce.core.RedisException;
import reactor.core.publisher.Mono;

/** The one translation of Redis trouble into the port's {@link InventoryUnavailable}. */
final class RedisFailures {

    private RedisFailures() {
    }

    /**
     * Redis failed or did not answer within the command timeout: nothing is known to have
     * changed.
     */
    static boolean isUnavailable(Throwable failure) {
        return failure instanceof RedisException || failure instanceof TimeoutException;
    }

    static InventoryUnavailable unavailable(String operation, Throwable failure) {
        return new InventoryUnavailable("Redis failed during " + operation + ": " + failure.getMessage(), failure);
    }

    /** {@code call} bounded by {@code timeout}, its Redis failures translated. */
    static <T> Mono<T> guarded(Mono<T> call, java.time.Duration timeout, String operation) {
        return call.timeout(timeout)
            .onErrorMap(RedisFailures::isUnavailable, failure -> unavailable(operation, failure));
    }

}
