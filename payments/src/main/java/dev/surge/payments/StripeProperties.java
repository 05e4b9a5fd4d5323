package dev.surge.payments;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Stripe adapter. Secrets ({@code api-key}, {@code webhook-secret}) come
 * from the environment only ({@code SURGE_STRIPE_API_KEY},
 * {@code SURGE_STRIPE_WEBHOOK_SECRET}).
 *
 * @param apiKey the secret key ({@code sk_test_...} or {@code sk_live_...})
 * @param apiBase where the Stripe API answers; only a stand-in for tests changes it
 * @param webhookSecret the signing secret of the webhook endpoint ({@code whsec_...})
 * @param webhookTolerance how old a webhook's signed timestamp may be (replay protection)
 * @param connectTimeout stripe-java's own connect timeout; with {@code readTimeout} at
 * most {@code callTimeout}
 * @param readTimeout stripe-java's own read timeout: a Reactor timeout cannot interrupt
 * the blocked thread, this does
 * @param callTimeout bound on one attempt of one call (the time limiter)
 * @param retry retries of network errors, 5xx, 429 and timeouts, with the same
 * idempotency key
 * @param bulkhead cap on concurrent Stripe calls (and on the virtual threads running
 * them)
 * @param circuitBreaker when to stop calling Stripe and fail fast
 * @param reconcileInterval how often recent PaymentIntents are compared with the ledger
 * @param reconcileLookBack how far back reconciliation lists PaymentIntents
 * @param connect vendors' connected accounts: their onboarding and their webhooks
 */
@ConfigurationProperties("surge.payments.stripe")
public record StripeProperties(@Nullable String apiKey, @DefaultValue("https://api.stripe.com") URI apiBase,
        @Nullable String webhookSecret, @DefaultValue("5m") Duration webhookTolerance,
        @DefaultValue("1s") Duration connectTimeout, @DefaultValue("2800ms") Duration readTimeout,
        @DefaultValue("4s") Duration callTimeout, @DefaultValue Retry retry, @DefaultValue Bulkhead bulkhead,
        @DefaultValue CircuitBreaker circuitBreaker, @DefaultValue("5m") Duration reconcileInterval,
        @DefaultValue("2h") Duration reconcileLookBack, @DefaultValue Connect connect) {

    public StripeProperties {
        requirePositive(callTimeout, "call-timeout");
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(readTimeout, "read-timeout");
        // The HTTP call must end before the time limiter gives up on it: the limiter
        // frees the caller and its
        // bulkhead slot, but only stripe-java's own timeouts free the thread still
        // blocked in the call.
        if (connectTimeout.plus(readTimeout).compareTo(callTimeout) > 0) {
            throw new IllegalArgumentException(
                    "surge.payments.stripe.connect-timeout + read-timeout must not exceed call-timeout");
        }
        if (webhookTolerance.toSeconds() < 1) {
            // stripe-java checks the timestamp only for a tolerance of a second or more.
            throw new IllegalArgumentException("surge.payments.stripe.webhook-tolerance must be at least 1s");
        }
        requirePositive(reconcileInterval, "reconcile-interval");
        requirePositive(reconcileLookBack, "reconcile-look-back");
    }

    /**
     * @param maxAttempts attempts in all, the first included
     * @param initialBackoff wait before the second attempt
     * @param multiplier growth of the wait per attempt
     * @param jitter randomisation of each wait, 0 (none) to 1
     */
    public record Retry(@DefaultValue("2") int maxAttempts, @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2") double multiplier, @DefaultValue("0.5") double jitter) {

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("surge.payments.stripe.retry.max-attempts must be at least 1");
            }
            requirePositive(initialBackoff, "retry.initial-backoff");
            if (multiplier < 1 || jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException(
                        "surge.payments.stripe.retry needs multiplier >= 1 and 0 <= jitter < 1");
            }
        }

    }

    /**
     * A call finding no free slot fails fast ({@code 503 payment-unavailable}) instead of
     * waiting: waiting would block the subscribing thread, an event loop.
     *
     * @param maxConcurrentCalls Stripe calls in flight at most
     */
    public record Bulkhead(@DefaultValue("64") int maxConcurrentCalls) {

        public Bulkhead {
            if (maxConcurrentCalls < 1) {
                throw new IllegalArgumentException(
                        "surge.payments.stripe.bulkhead.max-concurrent-calls must be at least 1");
            }
        }

    }

    /**
     * A time-based sliding window: the circuit opens when, over the last {@code window}
     * with at least {@code minimumCalls} calls, the failure rate or the rate of calls
     * slower than {@code slowCallDuration} reaches its threshold; after
     * {@code waitInOpen} it lets {@code halfOpenCalls} probes through to decide whether
     * to close.
     */
    public record CircuitBreaker(@DefaultValue("30s") Duration window, @DefaultValue("20") int minimumCalls,
            @DefaultValue("50") float failureRateThreshold, @DefaultValue("80") float slowCallRateThreshold,
            @DefaultValue("2s") Duration slowCallDuration, @DefaultValue("10s") Duration waitInOpen,
            @DefaultValue("5") int halfOpenCalls) {

        public CircuitBreaker {
            if (window.toSeconds() < 1 || minimumCalls < 1 || halfOpenCalls < 1) {
                throw new IllegalArgumentException("surge.payments.stripe.circuit-breaker needs a window of at "
                        + "least 1s, minimum-calls >= 1 and half-open-calls >= 1");
            }
            requirePositive(waitInOpen, "circuit-breaker.wait-in-open");
            requirePositive(slowCallDuration, "circuit-breaker.slow-call-duration");
        }

    }

    /**
     * Stripe Connect, for vendors' payout accounts.
     *
     * @param webhookSecret the signing secret of the Connect webhook endpoint, which
     * delivers connected accounts' events such as {@code account.updated} (Stripe signs
     * them with a secret of their own; the same URL may serve both endpoints)
     * @param returnUrl where Stripe sends a vendor's owner back after onboarding (the
     * vendor dashboard of the marketplace's front end)
     * @param refreshUrl where Stripe sends the owner when a link has expired or was used:
     * the front end asks Surge for a new one there
     */
    public record Connect(@Nullable String webhookSecret,
            @DefaultValue("http://localhost:3000/vendor/payouts?onboarding=done") URI returnUrl,
            @DefaultValue("http://localhost:3000/vendor/payouts?onboarding=refresh") URI refreshUrl) {

        public Connect {
            Objects.requireNonNull(returnUrl, "connect.return-url");
            Objects.requireNonNull(refreshUrl, "connect.refresh-url");
        }

        /** The defaults, for tests that build properties by hand. */
        public static Connect defaults() {
            return new Connect(null, URI.create("http://localhost:3000/vendor/payouts?onboarding=done"),
                    URI.create("http://localhost:3000/vendor/payouts?onboarding=refresh"));
        }

    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("surge.payments.stripe." + name + " must be positive");
        }
    }

}
