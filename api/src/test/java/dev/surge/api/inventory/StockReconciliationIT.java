package dev.surge.api.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.checkout.application.CommitReservation;
import dev.surge.checkout.application.SetStockOnHand;
import dev.surge.checkout.domain.Quantity;
import dev.surge.checkout.domain.Reservation;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.StockOfRecord;
import dev.surge.checkout.port.StockReservations;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Redis loses everything while Surge runs; the counters come back from PostgreSQL,
 * without overselling. A count and a sale that race keep both stores agreeing.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(
        properties = { "surge.inventory.reconcile-interval=200ms", "surge.inventory.counter-check-interval=300ms" })
class StockReconciliationIT {

    private static final Sku MUG = Sku.of("SRG-001-1");

    @Autowired
    StockReservations reservations;

    @Autowired
    CommitReservation commitReservation;

    @Autowired
    SetStockOnHand setStockOnHand;

    @Autowired
    StockOfRecord stockOfRecord;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

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

        StepVerifier.create(Flux.interval(Duration.ofMillis(100))
            // A look-up slower than the tick skips ticks, not fails.
            .onBackpressureDrop()
            .concatMap(tick -> reservations.levels(List.of(MUG)))
            .filter(level -> level.onHand() > 0)
            .next()).expectNext(new StockLevel(MUG, onHand, 0)).verifyComplete();
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

    @Test
    void aCountLandingBetweenASalesTwoWritesLeavesBothStoresAgreeing() {
        Sku vase = Sku.of("SRG-003-1");
        VendorId vendor = vendorOf(vase);

        // The sale is committed in Redis; before the stock of record hears of it, the
        // vendor counts 50 units; then the record takes the sale.
        Reservation sale = soldInRedisOnly(vase, 2);
        StepVerifier.create(setStockOnHand.set(vendor, vase, 50))
            .expectNext(new SetStockOnHand.Result.Updated(new StockLevel(vase, 48, 0)))
            .verifyComplete();
        stockOfRecord.recordSale(sale).block();

        assertThat(onHandOfRecord(vase)).isEqualTo(48);
        StepVerifier.create(reservations.levels(List.of(vase)))
            .expectNext(new StockLevel(vase, 48, 0))
            .verifyComplete();
    }

    @Test
    void aCountBelowTheUnitsSoldMeanwhileIsNeverClampedAndShowsInHealth() {
        Sku bowl = Sku.of("SRG-004-1");
        VendorId vendor = vendorOf(bowl);

        // The vendor finds 1 unit on the shelf while 3 are sold on their way to the
        // record.
        Reservation sale = soldInRedisOnly(bowl, 3);
        setStockOnHand.set(vendor, bowl, 1).block();
        stockOfRecord.recordSale(sale).block();

        assertThat(onHandOfRecord(bowl)).isEqualTo(-2);
        StepVerifier.create(reservations.levels(List.of(bowl)))
            .expectNext(new StockLevel(bowl, -2, 0))
            .verifyComplete();
        healthAsOperator().jsonPath("$.components.oversoldStock.status")
            .isEqualTo("DEGRADED")
            .jsonPath("$.components.oversoldStock.details.oversoldSkus")
            .isEqualTo(1)
            .jsonPath("$.components.oversoldStock.details.mostOversold[0]")
            .isEqualTo(bowl.value());

        setStockOnHand.set(vendor, bowl, 4).block();
        healthAsOperator().jsonPath("$.components.oversoldStock.status").isEqualTo("UP");
    }

    @Test
    void countersRestoredFromAnOlderSnapshotAreFoundBehindAndRepairedBeforeTheySellAgain() {
        Sku cup = Sku.of("SRG-005-1");
        String key = keyPrefix + "inv:{" + cup.value() + "}";
        Map<String, String> snapshot = redis.<String, String>opsForHash()
            .entries(key)
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .block();
        double behindBefore = meters.counter("surge.stock.counters.checked", "verdict", "behind").count();

        // Two units sold in both stores after the snapshot; then Redis comes back from
        // it,
        // the sale lost, its marker of loaded counters kept.
        var reserved = (ReservationOutcome.Reserved) reservations
            .reserve(new ReservationId(UUID.randomUUID()), List.of(new ReservationLine(cup, Quantity.of(2))),
                    Duration.ofMinutes(5))
            .block();
        StepVerifier.create(commitReservation.commit(reserved.reservation()))
            .expectNext(ReservationState.COMMITTED)
            .verifyComplete();
        int onHand = onHandOfRecord(cup);
        redis.<String, String>opsForHash().putAll(key, snapshot).block();

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(reservations.levels(List.of(cup)).blockFirst().onHand()).isEqualTo(onHand));
        assertThat(meters.counter("surge.stock.counters.checked", "verdict", "behind").count())
            .isGreaterThan(behindBefore);
        assertThat(reservations.tallies(List.of(cup)).blockFirst().sold()).isEqualTo(soldOfRecord(cup));
    }

    @Test
    void countersChangedBehindSurgesBackAreFoundAdriftAndRepaired() {
        Sku plate = Sku.of("SRG-006-1");
        String key = keyPrefix + "inv:{" + plate.value() + "}";
        int onHand = onHandOfRecord(plate);

        redis.<String, String>opsForHash().increment(key, "onHand", 7).block();

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(
                    () -> assertThat(reservations.levels(List.of(plate)).blockFirst().onHand()).isEqualTo(onHand));
        assertThat(meters.counter("surge.stock.counters.checked", "verdict", "adrift").count()).isPositive();
    }

    private long soldOfRecord(Sku sku) {
        return database.sql("SELECT sold FROM stock_levels WHERE sku = :sku")
            .bind("sku", sku.value())
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
    }

    /** A sale committed in the counters that the stock of record has not taken yet. */
    private Reservation soldInRedisOnly(Sku sku, int units) {
        var reserved = (ReservationOutcome.Reserved) reservations
            .reserve(new ReservationId(UUID.randomUUID()), List.of(new ReservationLine(sku, Quantity.of(units))),
                    Duration.ofMinutes(5))
            .block();
        StepVerifier.create(reservations.commit(reserved.reservation().id()))
            .expectNext(ReservationState.COMMITTED)
            .verifyComplete();
        return reserved.reservation();
    }

    private WebTestClient.BodyContentSpec healthAsOperator() {
        String operator = DemoTokensClient.token(client, Map.of("role", "operator", "subject", "ops-1"));
        return client.get()
            .uri("/actuator/health")
            .headers(headers -> headers.setBearerAuth(operator))
            .exchange()
            .expectBody();
    }

    private VendorId vendorOf(Sku sku) {
        return new VendorId(database
            .sql("SELECT p.vendor_id FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = :sku")
            .bind("sku", sku.value())
            .map(row -> row.get(0, UUID.class))
            .one()
            .block());
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
