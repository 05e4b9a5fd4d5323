package dev.surge.api.wiring;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.health.application.LivenessStateHealthIndicator;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The liveness and readiness probes as reactive indicators. Boot's own are blocking
 * indicators, which the reactive health endpoint runs on {@code boundedElastic}: a thread
 * hop for every probe, for reading a field. These answer the same (Boot's indicators
 * decide the status) on the thread the probe arrived on. Named as Boot's, which then
 * steps back.
 */
@Configuration(proxyBeanMethods = false)
public class AvailabilityProbes {

    @Bean
    ReactiveHealthIndicator livenessStateHealthIndicator(ApplicationAvailability availability) {
        return onTheCallersThread(new LivenessStateHealthIndicator(availability));
    }

    @Bean
    ReactiveHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability) {
        return onTheCallersThread(new ReadinessStateHealthIndicator(availability));
    }

    /** Only for indicators that never block. */
    private static ReactiveHealthIndicator onTheCallersThread(HealthIndicator nonBlocking) {
        return () -> Mono.fromSupplier(nonBlocking::health);
    }

}
