package dev.surge.payments;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.stripe.exception.StripeException;
import dev.surge.checkout.port.PaymentUnavailable;
import dev.surge.payments.StripeErrors.FinalStripeFailure;
import dev.surge.payments.StripeErrors.StripeMisconfigured;
import dev.surge.payments.StripeErrors.TransientStripeFailure;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs blocking stripe-java calls the one way Surge allows: on a bounded scheduler of
 * virtual threads (never an event loop), inside a bulkhead, a time limiter, the circuit
 * breaker and a retry of transient failures, in that order from the inside out. Each
 * attempt of a retried call repeats the same request, idempotency key included, so Stripe
 * replays the first result instead of acting twice.
 */
final class StripeCalls implements AutoCloseable {

    static final String NAME = "stripe";

    private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

    private final Scheduler scheduler;

    private final Bulkhead bulkhead;

    private final TimeLimiter timeLimiter;

    private final CircuitBreaker circuitBreaker;

    private final Retry retry;

    private final MeterRegistry meters;

    StripeCalls(StripeProperties properties, Resilience resilience, MeterRegistry meters) {
        int maxCalls = properties.bulkhead().maxConcurrentCalls();
        this.scheduler = new Schedulers.Factory() {
        }.newThreadPerTaskBoundedElastic(maxCalls, Integer.MAX_VALUE, Thread.ofVirtual().name("stripe-", 0).factory());
        this.scheduler.init();
        this.bulkhead = resilience.bulkheads().bulkhead(NAME, bulkheadConfig(properties));
        this.timeLimiter = resilience.timeLimiters().timeLimiter(NAME, timeLimiterConfig(properties));
        this.circuitBreaker = resilience.circuitBreakers().circuitBreaker(NAME, circuitBreakerConfig(properties));
        this.retry = resilience.retries().retry(NAME, retryConfig(properties));
        this.meters = meters;
    }

    /** A blocking stripe-java call. */
    @FunctionalInterface
    interface StripeCall<T> {

        T call() throws StripeException;

    }

    /**
     * Emits the call's result; errors with {@link PaymentUnavailable} when Stripe could
     * not be used, or with the translated refusal (see {@link StripeErrors}).
     */
    <T> Mono<T> call(String operation, StripeCall<T> call) {
        return Mono.defer(() -> {
            Timer.Sample started = Timer.start(meters);
            return Mono.fromCallable(call::call)
                .subscribeOn(scheduler)
                .onErrorMap(StripeException.class, StripeErrors::translate)
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .transformDeferred(RetryOperator.of(retry))
                .onErrorMap(this::isUnavailability, this::unavailable)
                .doFinally(signal -> started.stop(timer(operation, signal)));
        });
    }

    CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    private boolean isUnavailability(Throwable failure) {
        return failure instanceof TransientStripeFailure || failure instanceof StripeMisconfigured
                || failure instanceof FinalStripeFailure || failure instanceof TimeoutException
                || failure instanceof CallNotPermittedException || failure instanceof BulkheadFullException;
    }

    private PaymentUnavailable unavailable(Throwable failure) {
        return switch (failure) {
            case CallNotPermittedException open ->
                new PaymentUnavailable("the payment provider is failing; calls are paused",
                        circuitBreaker.getCircuitBreakerConfig()
                            .getWaitIntervalFunctionInOpenState()
                            .andThen(Duration::ofMillis)
                            .apply(1),
                        open);
            case TimeoutException timeout -> new PaymentUnavailable(
                    "the payment provider did not answer in "
                            + timeLimiter.getTimeLimiterConfig().getTimeoutDuration().toMillis() + " ms",
                    BUSY_RETRY_AFTER, timeout);
            case BulkheadFullException full ->
                new PaymentUnavailable("too many payment calls in flight", BUSY_RETRY_AFTER, full);
            default -> new PaymentUnavailable(failure.getMessage(), BUSY_RETRY_AFTER, failure);
        };
    }

    private Timer timer(String operation, SignalType signal) {
        return Timer.builder("surge.payments.stripe.calls")
            .description("Stripe calls as callers saw them, retries and waits included")
            .tag("operation", operation)
            .tag("outcome", signal == SignalType.ON_ERROR ? "error" : signal == SignalType.CANCEL ? "cancelled" : "ok")
            .register(meters);
    }

    @Override
    public void close() {
        scheduler.dispose();
    }

    private static BulkheadConfig bulkheadConfig(StripeProperties properties) {
        return BulkheadConfig.custom()
            .maxConcurrentCalls(properties.bulkhead().maxConcurrentCalls())
            .maxWaitDuration(Duration.ZERO)
            .build();
    }

    private static TimeLimiterConfig timeLimiterConfig(StripeProperties properties) {
        return TimeLimiterConfig.custom().timeoutDuration(properties.callTimeout()).build();
    }

    private static CircuitBreakerConfig circuitBreakerConfig(StripeProperties properties) {
        StripeProperties.CircuitBreaker settings = properties.circuitBreaker();
        return CircuitBreakerConfig.custom()
            .slidingWindow((int) settings.window().toSeconds(), settings.minimumCalls(), SlidingWindowType.TIME_BASED)
            .failureRateThreshold(settings.failureRateThreshold())
            .slowCallRateThreshold(settings.slowCallRateThreshold())
            .slowCallDurationThreshold(settings.slowCallDuration())
            .waitDurationInOpenState(settings.waitInOpen())
            .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
            .automaticTransitionFromOpenToHalfOpenEnabled(true)
            // Stripe refusing a request, or our own bulkhead being full, says nothing
            // about Stripe's health.
            .recordException(
                    failure -> failure instanceof TransientStripeFailure || failure instanceof StripeMisconfigured
                            || failure instanceof FinalStripeFailure || failure instanceof TimeoutException)
            .ignoreExceptions(BulkheadFullException.class)
            .build();
    }

    private static RetryConfig retryConfig(StripeProperties properties) {
        StripeProperties.Retry settings = properties.retry();
        return RetryConfig.custom()
            .maxAttempts(settings.maxAttempts())
            .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(),
                    settings.multiplier(), settings.jitter()))
            .retryOnException(
                    failure -> failure instanceof TransientStripeFailure || failure instanceof TimeoutException)
            .failAfterMaxAttempts(false)
            .build();
    }

    /**
     * The registries the resilience instances live in, so health and metrics can find
     * them.
     */
    record Resilience(CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters) {

        static Resilience ofDefaults() {
            return new Resilience(CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults(),
                    BulkheadRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults());
        }

    }

}
