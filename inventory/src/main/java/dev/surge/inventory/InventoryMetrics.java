package dev.surge.inventory;

import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.ReservationState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * What the reservations do, for Prometheus: attempts and their outcomes, releases,
 * commits and expiries by resulting state, and each script's latency as a histogram.
 */
final class InventoryMetrics {

    private final MeterRegistry registry;

    private final Counter attempted;

    InventoryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.attempted = Counter.builder("surge.inventory.reservations.attempted")
            .description("Reservation requests that passed validation")
            .register(registry);
    }

    void attempted() {
        attempted.increment();
    }

    void reserved(ReservationOutcome outcome) {
        String result = switch (outcome) {
            case ReservationOutcome.Reserved reserved -> "reserved";
            case ReservationOutcome.OutOfStock outOfStock -> "out_of_stock";
            case ReservationOutcome.PurchaseCapped capped -> "purchase_capped";
            case ReservationOutcome.Queued queued -> "queued";
            case ReservationOutcome.TooManyOpenHolds open -> "too_many_open_holds";
            case ReservationOutcome.UnknownSkus unknown -> "unknown_sku";
            case ReservationOutcome.AlreadyEnded ended -> "already_ended";
        };
        registry.counter("surge.inventory.reservations", "outcome", result).increment();
    }

    void released(ReservationState state) {
        count("surge.inventory.releases", state);
    }

    void committed(ReservationState state) {
        count("surge.inventory.commits", state);
    }

    void expired() {
        registry.counter("surge.inventory.expiries").increment();
    }

    /**
     * A reservation found {@code skus} SKUs' counters gone back in time (an alert: Redis
     * lost sales it had made) and had them repaired before holding.
     */
    void stale(int skus) {
        registry.counter("surge.inventory.counters.stale").increment(skus);
    }

    /** Times one script call from subscription to its answer or error. */
    <T> Mono<T> timed(String script, Mono<T> call) {
        Timer timer = Timer.builder("surge.inventory.script")
            .tag("script", script)
            .publishPercentileHistogram()
            .register(registry);
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(registry);
            return call.doFinally(signal -> sample.stop(timer));
        });
    }

    private void count(String name, ReservationState state) {
        registry.counter(name, "state", state.name().toLowerCase(Locale.ROOT)).increment();
    }

}
