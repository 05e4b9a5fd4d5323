package dev.surge.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * Reports whether expired reservations are being given back: DOWN when the sweeper has
 * not finished a pass for ten sweep intervals (stock would stay held by abandoned
 * checkouts).
 */
final class InventoryHealth implements ReactiveHealthIndicator {

    private final ReservationSweeper sweeper;

    private final InventoryProperties properties;

    private final Clock clock;

    private final Instant startedAt;

    InventoryHealth(ReservationSweeper sweeper, InventoryProperties properties, Clock clock) {
        this.sweeper = sweeper;
        this.properties = properties;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(() -> {
            Duration allowed = properties.sweepInterval().multipliedBy(10);
            Instant last = sweeper.lastSweep().orElse(startedAt);
            Duration since = Duration.between(last, clock.instant());
            Health.Builder health = since.compareTo(allowed) <= 0 ? Health.up() : Health.down();
            return health.withDetail("sweeperRunning", sweeper.isRunning())
                .withDetail("lastSweep", sweeper.lastSweep().map(Instant::toString).orElse("none yet"))
                .build();
        });
    }

}
