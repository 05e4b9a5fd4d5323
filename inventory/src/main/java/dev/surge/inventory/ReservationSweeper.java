package dev.surge.inventory;

import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.port.ReservationExpiries;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Gives back the stock of reservations whose time ran out, in batches, and tells the
 * checkout about each one. Safe in every pod at once: the expire script ends a hold only
 * while it is held and due, so each expiry happens, and is reported, exactly once; a
 * committed reservation is never touched.
 */
final class ReservationSweeper implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ReservationSweeper.class);

    private final RedisStockReservations reservations;

    private final ReservationExpiries expiries;

    private final InventoryMetrics metrics;

    private final Clock clock;

    private final AtomicReference<Instant> lastSweep = new AtomicReference<>();

    private final PeriodicPass loop;

    ReservationSweeper(RedisStockReservations reservations, InventoryProperties properties,
            ReservationExpiries expiries, InventoryMetrics metrics, Clock clock) {
        this.reservations = reservations;
        this.expiries = expiries;
        this.metrics = metrics;
        this.clock = clock;
        this.loop = new PeriodicPass("Sweeping expired reservations", properties.sweepInterval(), this::sweep);
    }

    /**
     * One pass over every slot group: expires what is due and reports it. Emits the ids
     * this pass expired.
     */
    Flux<ReservationId> sweep() {
        return reservations.expiringTags()
            .concatMap(reservations::expireDue)
            // On a cluster a reservation spans slot groups that expire one by one: report
            // it once.
            .distinct()
            .concatMap(id -> expiries.expired(id).onErrorResume(failure -> {
                // The stock is back already; a failed report is the listener's to log and
                // live with.
                LOG.error("Reporting the expiry of reservation {} failed", id, failure);
                return Mono.empty();
            }).thenReturn(id))
            .doOnNext(id -> metrics.expired())
            .doOnComplete(() -> lastSweep.set(clock.instant()));
    }

    /** When the last pass finished; empty before the first. */
    java.util.Optional<Instant> lastSweep() {
        return java.util.Optional.ofNullable(lastSweep.get());
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

}
