package dev.surge.payments.stub;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults the stub injects into its API answers, for resilience tests. A failure is
 * answered before the request is executed (as a load balancer or an overloaded Stripe
 * would), so it stores no idempotent result; latency is added after the request was
 * executed, so a client that gave up can retry with its key and get the stored result.
 */
public final class StubFaults {

    private final AtomicInteger failuresLeft = new AtomicInteger();

    private final AtomicReference<Integer> failureStatus = new AtomicReference<>(500);

    private volatile boolean failingAlways;

    private volatile Duration latency = Duration.ZERO;

    private final AtomicInteger delaysLeft = new AtomicInteger();

    private final AtomicInteger executionFailuresLeft = new AtomicInteger();

    private volatile Duration nextDelay = Duration.ZERO;

    /** The next {@code requests} API requests answer {@code status} (500, 503 or 429). */
    public StubFaults failNext(int requests, int status) {
        failureStatus.set(status);
        failuresLeft.set(requests);
        return this;
    }

    /**
     * The next {@code requests} API requests fail with a 500 while executing, as a Stripe
     * outage mid-request would: nothing changes, but Stripe keeps the 500 for the
     * idempotency key and replays it to every retry with that key.
     */
    public StubFaults failNextWhileExecuting(int requests) {
        executionFailuresLeft.set(requests);
        return this;
    }

    /** Every API request answers {@code status} until {@link #clear()}. */
    public StubFaults failAlways(int status) {
        failureStatus.set(status);
        failingAlways = true;
        return this;
    }

    /** Every answer waits {@code delay} after the request was executed. */
    public StubFaults delayResponses(Duration delay) {
        latency = delay;
        return this;
    }

    /**
     * The next {@code requests} answers wait {@code delay} after their request was
     * executed.
     */
    public StubFaults delayNext(int requests, Duration delay) {
        nextDelay = delay;
        delaysLeft.set(requests);
        return this;
    }

    /** Back to a healthy stub. */
    public StubFaults clear() {
        failingAlways = false;
        failuresLeft.set(0);
        latency = Duration.ZERO;
        delaysLeft.set(0);
        executionFailuresLeft.set(0);
        return this;
    }

    Optional<StubError> failureFor() {
        if (failingAlways || failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            int status = failureStatus.get();
            return Optional.of(status == 429
                    ? StubError.of(429, "invalid_request_error", "rate_limit",
                            "Too many requests hit the API too quickly.")
                    : StubError.of(status, "api_error", null, "An unexpected error occurred (injected by the stub)."));
        }
        return Optional.empty();
    }

    Optional<StubError> executionFailure() {
        return executionFailuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0
                ? Optional.of(StubError.of(500, "api_error", null,
                        "An unexpected error occurred while processing " + "the request (injected by the stub)."))
                : Optional.empty();
    }

    Duration latency() {
        return delaysLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0 ? nextDelay : latency;
    }

}
