package dev.surge.api.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.checkout.application.CommitReservation;
import dev.surge.checkout.domain.Quantity;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import dev.surge.checkout.port.StockReservations;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Redis loses everything while Surge runs; the counters come back from PostgreSQL,
 * without overselling.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(properties = "surge.inventory.reconcile-interval=200ms")
class StockReconciliationIT {

    private static final Sku MUG = Sku.of("SRG-001-1");

    @Autowired
    StockReservations reservations;

    @Autowired
    CommitReservation commitReservation;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    DatabaseClient database;

    @Value("${surge.inventory.key-prefix}")
    String keyPrefix;

    @Test
    void reloadsLostCountersFromTheStockOfRecord() {
        int onHand = database.sql("SELECT on_hand FROM stock_levels WHERE sku = :sku")
            .bind("sku", MUG.value())
            .map(row -> row.get(0, Integer.class))
            .one()
            .block();
        ReservationId lostHold = new ReservationId(UUID.randomUUID());
        assertThat(
                reservations.reserve(lostHold, List.of(new ReservationLine(MUG, Quantity.of(2))), Duration.ofMinutes(5))
                    .block())
            .isInstanceOf(ReservationOutcome.Reserved.class);

        loseEverythingInRedis();

        StepVerifier
            .create(Flux.interval(Duration.ofMillis(100))
                .concatMap(tick -> reservations.levels(List.of(MUG)))
                .filter(level -> level.onHand() > 0)
                .next())
            .expectNext(new StockLevel(MUG, onHand, 0))
            .verifyComplete();
        // The hold went with the data: its commit is refused, so the checkout cancels
        // instead of selling.
        StepVerifier.create(reservations.commit(lostHold)).expectNext(ReservationState.UNKNOWN).verifyComplete();
    }

    @Test
    void neverCountsSoldUnitsAgainWhenCountersAreRebuilt() {
        Sku lamp = Sku.of("SRG-002-1");
        int before = onHandOfRecord(lamp);
        var id = new ReservationId(UUID.randomUUID());
        var reserved = (ReservationOutcome.Reserved) reservations
            .reserve(id, List.of(new ReservationLine(lamp, Quantity.of(3))), Duration.ofMinutes(5))
            .block();

        StepVerifier.create(commitReservation.commit(reserved.reservation()))
            .expectNext(ReservationState.COMMITTED)
            .verifyComplete();
        StepVerifier.create(commitReservation.commit(reserved.reservation()))
            .expectNext(ReservationState.COMMITTED)
            .verifyComplete();
        assertThat(onHandOfRecord(lamp)).isEqualTo(before - 3);

        loseEverythingInRedis();
        awaitCountersReloaded();

        StepVerifier.create(reservations.levels(List.of(lamp)))
            .expectNext(new StockLevel(lamp, before - 3, 0))
            .verifyComplete();
    }

    private int onHandOfRecord(Sku sku) {
        return database.sql("SELECT on_hand FROM stock_levels WHERE sku = :sku")
            .bind("sku", sku.value())
            .map(row -> row.get(0, Integer.class))
            .one()
            .block();
    }

    private void awaitCountersReloaded() {
        StepVerifier.create(Flux.interval(Duration.ofMillis(100))
            // A look-up slower than the tick (a loaded machine) skips ticks, not fails.
            .onBackpressureDrop()
            .concatMap(tick -> reservations.countersLoaded())
            .filter(loaded -> loaded)
            .next()).expectNext(true).expectComplete().verify(Duration.ofSeconds(30));
    }

    /** What a restart without persistence does to this test's keys. */
    private void loseEverythingInRedis() {
        StepVerifier
            .create(redis.scan(ScanOptions.scanOptions().match(keyPrefix + "*").count(1_000).build())
                .buffer(500)
                .concatMap(keys -> redis.delete(keys.toArray(String[]::new)))
                .reduce(0L, Long::sum))
            .assertNext(deleted -> assertThat(deleted).isPositive())
            .verifyComplete();
    }

}
