package dev.surge.payments;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import dev.surge.checkout.port.PaymentRequestRefused;

/**
 * Translates stripe-java's exceptions once, into what the resilience pipeline and the
 * callers act on: transient failures (retried, counted by the circuit breaker),
 * misconfiguration (counted, not retried) and refused requests (neither: Stripe works,
 * the request itself was wrong).
 */
final class StripeErrors {

    private StripeErrors() {
    }

    static RuntimeException translate(StripeException failure) {
        return switch (failure) {
            case ApiConnectionException connection ->
                new TransientStripeFailure("Stripe could not be reached", connection);
            case RateLimitException rateLimit -> new TransientStripeFailure("Stripe is rate limiting us", rateLimit);
            case AuthenticationException authentication -> new StripeMisconfigured(authentication);
            case ApiException api when isTransient(api.getStatusCode()) && !retryRefused(api) ->
                new TransientStripeFailure("Stripe answered " + api.getStatusCode(), api);
            case ApiException api when isTransient(api.getStatusCode()) -> new FinalStripeFailure(api);
            default -> new PaymentRequestRefused(codeOf(failure), safeMessage(failure), failure);
        };
    }

    /**
     * 5xx, an unknown status, or 409: Stripe is still running a request with the same
     * idempotency key; retrying with that key then returns its result.
     */
    private static boolean isTransient(Integer status) {
        return status == null || status >= 500 || status == 409;
    }

    /**
     * Stripe stores the answer of a request that started executing, a 500 included, and
     * replays it for the same idempotency key: retrying such a failure cannot help. It
     * also says so itself with {@code Stripe-Should-Retry: false}.
     */
    private static boolean retryRefused(StripeException failure) {
        return isStoredFailure(failure) || header(failure, "Stripe-Should-Retry", "false");
    }

    /**
     * Whether Stripe answered a failure it stored for the request's idempotency key (a
     * 500 it answered while executing an earlier request with the key).
     */
    static boolean isStoredFailure(StripeException failure) {
        return header(failure, "Idempotent-Replayed", "true");
    }

    private static boolean header(StripeException failure, String name, String value) {
        if (failure.getStripeError() == null || failure.getStripeError().getLastResponse() == null) {
            return false;
        }
        return failure.getStripeError()
            .getLastResponse()
            .headers()
            .firstValue(name)
            .filter(value::equalsIgnoreCase)
            .isPresent();
    }

    private static String codeOf(StripeException failure) {
        return failure.getCode() != null ? failure.getCode() : "unknown";
    }

    /** Stripe's message without the request id suffix stripe-java appends. */
    private static String safeMessage(StripeException failure) {
        return failure.getStripeError() != null && failure.getStripeError().getMessage() != null
                ? failure.getStripeError().getMessage() : "Stripe refused the request";
    }

    /** Worth retrying with the same idempotency key; counts against the circuit. */
    static final class TransientStripeFailure extends RuntimeException {

        TransientStripeFailure(String message, Throwable cause) {
            super(message, cause);
        }

    }

    /**
     * Stripe failed and will answer the same to a retry with this key (a stored 500):
     * counts against the circuit, never retried. The operation's outcome is Stripe's
     * stored failure; a new attempt needs a new key.
     */
    static final class FinalStripeFailure extends RuntimeException {

        FinalStripeFailure(StripeException cause) {
            super("Stripe failed this request and will answer the same to a retry (status " + cause.getStatusCode()
                    + ")", cause);
        }

    }

    /** Our key or account is wrong: counts against the circuit, never retried. */
    static final class StripeMisconfigured extends RuntimeException {

        StripeMisconfigured(StripeException cause) {
            super("Stripe rejected our credentials or permissions (check SURGE_STRIPE_API_KEY)", cause);
        }

    }

}
