package dev.surge.payments;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Shows the Stripe circuit breaker: {@code UP} while calls go through (closed or
 * half-open), {@code DEGRADED} while it is open and payments fail fast. Not part of
 * readiness: browsing and carts keep working while Stripe is down, so taking the instance
 * out of the load balancer would only make things worse.
 */
final class PaymentsHealth implements HealthIndicator {

    /**
     * Payments fail fast; everything else works. Mapped to HTTP 200 in the application's
     * settings.
     */
    static final Status DEGRADED = new Status("DEGRADED", "Stripe calls fail fast while the circuit is open");

    private final CircuitBreaker circuitBreaker;

    PaymentsHealth(CircuitBreaker circuitBreaker) {
        this.circuitBreaker = circuitBreaker;
    }

    @Override
    public Health health() {
        CircuitBreaker.State state = circuitBreaker.getState();
        CircuitBreaker.Metrics metrics = circuitBreaker.getMetrics();
        Health.Builder health = switch (state) {
            case OPEN, FORCED_OPEN -> Health.status(DEGRADED);
            default -> Health.up();
        };
        return health.withDetail("circuitBreaker", state.name())
            .withDetail("failureRate", metrics.getFailureRate())
            .withDetail("slowCallRate", metrics.getSlowCallRate())
            .withDetail("bufferedCalls", metrics.getNumberOfBufferedCalls())
            .withDetail("notPermittedCalls", metrics.getNumberOfNotPermittedCalls())
            .build();
    }

}
