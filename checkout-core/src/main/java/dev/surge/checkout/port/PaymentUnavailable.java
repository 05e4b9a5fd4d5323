package dev.surge.checkout.port;

import java.time.Duration;

/**
 * The payment provider could not be used right now (unreachable, too slow, failing or
 * rate limiting us, or the circuit breaker is open). Whether a mutating call took effect
 * is unknown; repeating it with the same ids is safe.
 */
public final class PaymentUnavailable extends RuntimeException {

    private final Duration retryAfter;

    public PaymentUnavailable(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long a caller should wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }

}
