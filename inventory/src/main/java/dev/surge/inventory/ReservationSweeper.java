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
 * Gives back the stock of reservations whose time ran out, in batches, and then tells the
 * checkout about each one. Safe in every pod at once: the expire script ends a hold only
 * while it is held and due, so each expiry happens, and is reported, exactly once; a
 * committed reservation is never touched.
 */
final class ReservationSweeper implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ReservationSweeper.class);

    /** Expiries reported at once: each waits on the payment provider, none on the CPU. */
    private static final int REPORT_CONCURRENCY = 8;

    /** How long a pass reports expiries before it leaves the rest to the overdue pass. */
    static final java.time.Duration REPORT_BUDGET = java.time.Duration.ofSeconds(10);

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
     * One pass over every slot group: gives back the stock of every hold that is due,
     * then reports each expiry. Emits the ids this pass expired.
     */
    Flux<ReservationId> sweep() {
        return reservations.expiringTags()
            .concatMap(reservations::expireDue)
            // On a cluster a reservation spans slot groups that expire one by one: report
            // it once.
            .distinct()
            .doOnNext(id -> metrics.expired())
            .collectList()
            // Every due hold's stock is back before the first report: a report cancels
            // the order's payment at the provider (seconds, when it is slow), and
            // reporting while expiring held the rest of the stock back behind each call.
            .flatMapMany(expired -> report(expired).thenMany(Flux.fromIterable(expired)))
            .doOnComplete(() -> lastSweep.set(clock.instant()));
    }

    /**
     * Reports expiries a few at a time, for at most {@link #REPORT_BUDGET}: what is not
     * reported by then (the provider slow or away) is the overdue-orders pass's to retry,
     * so the next sweep is never held up.
     */
    private Mono<Void> report(java.util.List<ReservationId> expired) {
        return Flux.fromIterable(expired).flatMap(id -> expiries.expired(id).onErrorResume(failure -> {
            // The stock is back already; a failed report is retried by the overdue
            // orders' pass.
            LOG.error("Reporting the expiry of reservation {} failed", id, failure);
            return Mono.empty();
        }), REPORT_CONCURRENCY).take(REPORT_BUDGET).then();
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
