package dev.surge.inventory;

import static dev.surge.inventory.InventoryFixture.anyReservationId;
import static dev.surge.inventory.InventoryFixture.lines;
import static dev.surge.inventory.InventoryFixture.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surge.checkout.domain.Quantity;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.ReservationOutcome.AlreadyEnded;
import dev.surge.checkout.domain.ReservationOutcome.OutOfStock;
import dev.surge.checkout.domain.ReservationOutcome.Reserved;
import dev.surge.checkout.domain.ReservationOutcome.UnknownSkus;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.Shortfall;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import dev.surge.checkout.port.RecordedStock;
import dev.surge.checkout.port.ReservationExpiries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class RedisStockReservationsIT {

    private static final Duration TTL = Duration.ofMinutes(15);

    private InventoryFixture fixture;

    private RedisStockReservations reservations;

    @BeforeEach
    void startFixture() {
        fixture = new InventoryFixture(getClass().getSimpleName());
        reservations = fixture.reservations;
    }

    @AfterEach
    void closeFixture() {
        fixture.close();
    }

    @Test
    void reservesAllLinesOrNone() {
        Sku mug = stocked("MUG", 5);
        Sku tee = stocked("TEE", 1);

        StepVerifier.create(reservations.reserve(anyReservationId(), lines(mug, 2, tee, 2), TTL))
            .expectNext(new OutOfStock(List.of(new Shortfall(tee, 2, 1))))
            .verifyComplete();
        assertLevel(mug, 5, 0);
        assertLevel(tee, 1, 0);

        ReservationId id = anyReservationId();
        StepVerifier.create(reservations.reserve(id, lines(mug, 2, tee, 1), TTL)).assertNext(outcome -> {
            Reserved reserved = (Reserved) outcome;
            assertThat(reserved.reservation().id()).isEqualTo(id);
            assertThat(reserved.reservation().expiresAt()).isEqualTo(fixture.clock.instant().plus(TTL));
        }).verifyComplete();
        assertLevel(mug, 5, 2);
        assertLevel(tee, 1, 1);
    }

    @Test
    void reportsEveryShortSkuWithWhatIsLeft() {
        Sku mug = stocked("MUG", 1);
        Sku tee = stocked("TEE", 0);
        Sku cap = stocked("CAP", 9);

        StepVerifier.create(reservations.reserve(anyReservationId(), lines(mug, 3, tee, 1, cap, 9), TTL))
            .assertNext(outcome -> assertThat(((OutOfStock) outcome).shortfalls())
                .containsExactlyInAnyOrder(new Shortfall(mug, 3, 1), new Shortfall(tee, 1, 0)))
            .verifyComplete();
        assertLevel(cap, 9, 0);
    }

    @Test
    void refusesUnknownSkusWithoutHoldingAnything() {
        Sku mug = stocked("MUG", 5);
        Sku ghost = sku("GHOST");

        StepVerifier.create(reservations.reserve(anyReservationId(), lines(mug, 1, ghost, 1), TTL))
            .expectNext(new UnknownSkus(List.of(ghost)))
            .verifyComplete();
        assertLevel(mug, 5, 0);
    }

    @Test
    void answersARetriedReserveWithTheFirstReservation() {
        Sku mug = stocked("MUG", 5);
        ReservationId id = anyReservationId();
        Reserved first = (Reserved) reservations.reserve(id, lines(mug, 2), TTL).block();

        fixture.clock.advance(Duration.ofSeconds(30));

        StepVerifier.create(reservations.reserve(id, lines(mug, 2), TTL)).expectNext(first).verifyComplete();
        assertLevel(mug, 5, 2);
    }

    @Test
    void refusesTheSameIdForOtherLines() {
        Sku mug = stocked("MUG", 5);
        ReservationId id = anyReservationId();
        reservations.reserve(id, lines(mug, 2), TTL).block();

        StepVerifier.create(reservations.reserve(id, lines(mug, 3), TTL))
            .expectError(IllegalArgumentException.class)
            .verify();
        assertLevel(mug, 5, 2);
    }

    @Test
    void refusesTheSameIdForAnotherBasketThatWouldBeFiledElsewhere() {
        Sku mug = stocked("MUG", 5);
        Sku earlier = Sku.of("A" + mug.value());
        reservations.setOnHand(earlier, 5).block();
        ReservationId id = anyReservationId();
        reservations.reserve(id, lines(mug, 1), TTL).block();

        StepVerifier.create(reservations.reserve(id, lines(earlier, 1, mug, 1), TTL))
            .expectError(IllegalArgumentException.class)
            .verify();
        assertLevel(mug, 5, 1);
        assertLevel(earlier, 5, 0);
    }

    @Test
    void givesEveryDueHoldsStockBackBeforeReportingAnyExpiry() {
        Sku mug = stocked("MUG", 50);
        Sku tea = stocked("TEA", 5);
        // More holds than a pass used to expire ahead of its reports.
        List<ReservationId> holds = IntStream.range(0, 40).mapToObj(i -> anyReservationId()).toList();
        holds.forEach(id -> reservations.reserve(id, lines(mug, 1), Duration.ofMinutes(1)).block());
        reservations.reserve(anyReservationId(), lines(tea, 3), Duration.ofMinutes(1)).block();
        fixture.clock.advance(Duration.ofMinutes(2));
        // A listener as slow as a payment provider cancelling a payment: each report
        // notes what was still held when it began.
        List<Integer> heldAtEachReport = new java.util.concurrent.CopyOnWriteArrayList<>();
        ReservationExpiries slow = id -> reservations.levels(List.of(mug, tea))
            .map(StockLevel::reserved)
            .reduce(0, Integer::sum)
            .doOnNext(heldAtEachReport::add)
            .then(reactor.core.publisher.Mono.delay(Duration.ofMillis(50)))
            .then();
        var sweeper = new ReservationSweeper(reservations, fixture.properties, slow,
                new InventoryMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), fixture.clock);

        StepVerifier.create(sweeper.sweep()).expectNextCount(41).verifyComplete();

        assertThat(heldAtEachReport).hasSize(41).containsOnly(0);
        assertLevel(mug, 50, 0);
        assertLevel(tea, 5, 0);
    }

    @Test
    void keepsTheHoldUntilTheSweeperGivesItBackEvenWhenTtlEqualsRetention() {
        Sku mug = stocked("MUG", 5);
        ReservationId id = anyReservationId();
        reservations.reserve(id, lines(mug, 2), fixture.properties.retention()).block();

        fixture.clock.advance(fixture.properties.retention());

        StepVerifier.create(fixture.sweeper.sweep()).expectNext(id).verifyComplete();
        assertLevel(mug, 5, 0);
    }

    @Test
    void releasesOnceAndAnswersTheSameAfterwards() {
        Sku mug = stocked("MUG", 5);
        ReservationId id = anyReservationId();
        reservations.reserve(id, lines(mug, 2), TTL).block();

        StepVerifier.create(reservations.release(id)).expectNext(ReservationState.RELEASED).verifyComplete();
        StepVerifier.create(reservations.release(id)).expectNext(ReservationState.RELEASED).verifyComplete();
        assertLevel(mug, 5, 0);
        StepVerifier.create(reservations.reserve(id, lines(mug, 2), TTL))
            .expectNext(new AlreadyEnded(id, ReservationState.RELEASED))
            .verifyComplete();
        assertLevel(mug, 5, 0);
    }

    @Test
    void commitTakesTheUnitsOffHandForGood() {
        Sku mug = stocked("MUG", 5);
        ReservationId id = anyReservationId();
        reservations.reserve(id, lines(mug, 2), TTL).block();

        StepVerifier.create(reservations.commit(id)).expectNext(ReservationState.COMMITTED).verifyComplete();
        StepVerifier.create(reservations.commit(id)).expectNext(ReservationState.COMMITTED).verifyComplete();
        StepVerifier.create(reservations.release(id)).expectNext(ReservationState.COMMITTED).verifyComplete();
        assertLevel(mug, 3, 0);
    }

    @Test
    void neverSellsBeyondARecountThatFellBelowTheHolds() {
        Sku mug = stocked("MUG", 10);
        ReservationId first = anyReservationId();
        ReservationId second = anyReservationId();
        reservations.reserve(first, lines(mug, 4), TTL).block();
        reservations.reserve(second, lines(mug, 4), TTL).block();

        reservations.setOnHand(mug, 5).block();

        StepVerifier.create(reservations.commit(first)).expectNext(ReservationState.COMMITTED).verifyComplete();
        StepVerifier.create(reservations.commit(second)).expectNext(ReservationState.SHORT).verifyComplete();
        StepVerifier.create(reservations.commit(second)).expectNext(ReservationState.SHORT).verifyComplete();
        assertLevel(mug, 1, 0);
    }

    @Test
    void failsACommitAfterExpiryCleanlyAndGivesTheStockBack() {
        Sku mug = stocked("MUG", 5);
        ReservationId id = anyReservationId();
        reservations.reserve(id, lines(mug, 2), TTL).block();

        fixture.clock.advance(TTL);

        StepVerifier.create(reservations.commit(id)).expectNext(ReservationState.EXPIRED).verifyComplete();
        assertLevel(mug, 5, 0);
        StepVerifier.create(reservations.commit(id)).expectNext(ReservationState.EXPIRED).verifyComplete();
    }

    @Test
    void answersUnknownForAnIdItNeverSaw() {
        StepVerifier.create(reservations.commit(anyReservationId()))
            .expectNext(ReservationState.UNKNOWN)
            .verifyComplete();
        StepVerifier.create(reservations.release(anyReservationId()))
            .expectNext(ReservationState.UNKNOWN)
            .verifyComplete();
    }

    @Test
    void sweepsDueReservationsOnceReportingEachAndNeverTouchesCommittedOnes() {
        Sku mug = stocked("MUG", 10);
        ReservationId due = anyReservationId();
        ReservationId committed = anyReservationId();
        ReservationId live = anyReservationId();
        reservations.reserve(due, lines(mug, 1), Duration.ofMinutes(1)).block();
        reservations.reserve(committed, lines(mug, 2), Duration.ofMinutes(1)).block();
        reservations.reserve(live, lines(mug, 3), Duration.ofMinutes(30)).block();
        reservations.commit(committed).block();

        fixture.clock.advance(Duration.ofMinutes(2));

        StepVerifier.create(fixture.sweeper.sweep()).expectNext(due).verifyComplete();
        StepVerifier.create(fixture.sweeper.sweep()).verifyComplete();
        assertThat(fixture.reportedExpiries).containsExactly(due);
        assertLevel(mug, 8, 3);
        StepVerifier.create(reservations.commit(due)).expectNext(ReservationState.EXPIRED).verifyComplete();
    }

    @Test
    void setsAndAdjustsStockOnHand() {
        Sku mug = stocked("MUG", 5);
        reservations.reserve(anyReservationId(), lines(mug, 2), TTL).block();

        StepVerifier.create(reservations.adjust(mug, 3)).expectNext(new StockLevel(mug, 8, 2)).verifyComplete();
        StepVerifier.create(reservations.adjust(mug, -9)).expectError(IllegalArgumentException.class).verify();
        StepVerifier.create(reservations.setOnHand(mug, 1)).expectNext(new StockLevel(mug, 1, 2)).verifyComplete();
        StepVerifier.create(reservations.available(List.of(mug))).expectNext(java.util.Map.of(mug, 0)).verifyComplete();
    }

    @Test
    void reloadsItsScriptsWhenRedisForgotThem() {
        Sku mug = stocked("MUG", 5);
        fixture.redis.scripting().scriptFlush().block();

        StepVerifier.create(reservations.reserve(anyReservationId(), lines(mug, 1), TTL))
            .assertNext(outcome -> assertThat(outcome).isInstanceOf(Reserved.class))
            .verifyComplete();
        assertLevel(mug, 5, 1);
    }

    @Test
    void loadsStockOfRecordOnlyWhereRedisHasNone() {
        Sku known = stocked("MUG", 5);
        reservations.reserve(anyReservationId(), lines(known, 2), TTL).block();
        Sku missing = sku("NEW");

        StepVerifier.create(reservations.loadIfMissing(RecordedStock.first(known, 40)))
            .expectNext(new StockLevel(known, 5, 2))
            .verifyComplete();
        StepVerifier.create(reservations.loadIfMissing(RecordedStock.first(missing, 40)))
            .expectNext(new StockLevel(missing, 40, 0))
            .verifyComplete();
    }

    @Test
    void aCountKeepsTheSalesCommittedHereThatTheRecordHadNotCountedYet() {
        Sku mug = sku("COUNTED");
        reservations.loadIfMissing(new RecordedStock(mug, 10, 4, 0)).block();
        ReservationId sale = anyReservationId();
        reservations.reserve(sale, lines(mug, 3), TTL).block();
        StepVerifier.create(reservations.commit(sale)).expectNext(ReservationState.COMMITTED).verifyComplete();
        reservations.reserve(anyReservationId(), lines(mug, 1), TTL).block();

        // The vendor counts 20 before the record hears of the sale of 3 (it still has 4
        // sold): those 3 are on their way to the record, where they come off the 20.
        StepVerifier.create(reservations.recount(new RecordedStock(mug, 20, 4, 1)))
            .expectNext(new StockLevel(mug, 17, 1))
            .verifyComplete();
        // Counted after the record took the sale: nothing is on its way.
        StepVerifier.create(reservations.recount(new RecordedStock(mug, 20, 7, 2)))
            .expectNext(new StockLevel(mug, 20, 1))
            .verifyComplete();
    }

    @Test
    void aLateCountNeverOverwritesANewerOne() {
        Sku mug = sku("LATE");
        reservations.loadIfMissing(RecordedStock.first(mug, 10)).block();

        StepVerifier.create(reservations.recount(new RecordedStock(mug, 6, 0, 2)))
            .expectNext(new StockLevel(mug, 6, 0))
            .verifyComplete();
        StepVerifier.create(reservations.recount(new RecordedStock(mug, 30, 0, 1)))
            .expectNext(new StockLevel(mug, 6, 0))
            .verifyComplete();
        StepVerifier.create(reservations.recount(new RecordedStock(mug, 6, 0, 2)))
            .expectNext(new StockLevel(mug, 6, 0))
            .verifyComplete();
    }

    @Test
    void aCountBelowTheUnitsSoldMeanwhileShowsTheOversaleAndSellsNothingMore() {
        Sku mug = sku("SHORT");
        reservations.loadIfMissing(RecordedStock.first(mug, 5)).block();
        ReservationId sale = anyReservationId();
        reservations.reserve(sale, lines(mug, 2), TTL).block();
        reservations.commit(sale).block();

        StepVerifier.create(reservations.recount(new RecordedStock(mug, 1, 0, 1)))
            .expectNext(new StockLevel(mug, -1, 0))
            .verifyComplete();
        StepVerifier.create(reservations.reserve(anyReservationId(), lines(mug, 1), TTL))
            .assertNext(outcome -> assertThat(outcome).isInstanceOf(ReservationOutcome.OutOfStock.class))
            .verifyComplete();
    }

    @Test
    void refusesBadInputBeforeTouchingRedis() {
        Sku mug = stocked("MUG", 5);
        assertThatThrownBy(() -> ReservationLine.of(mug.value(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReservationLine.of(mug.value(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReservationLine.of(mug.value(), Quantity.MAX + 1))
            .isInstanceOf(IllegalArgumentException.class);

        StepVerifier.create(reservations.reserve(anyReservationId(), List.of(), TTL))
            .expectError(IllegalArgumentException.class)
            .verify();
        StepVerifier.create(reservations.reserve(anyReservationId(), lines(mug, 1, mug, 2), TTL))
            .expectError(IllegalArgumentException.class)
            .verify();
        List<ReservationLine> thousandLines = IntStream.range(0, 1_000)
            .mapToObj(i -> new ReservationLine(sku("L" + i), Quantity.of(1)))
            .toList();
        StepVerifier.create(reservations.reserve(anyReservationId(), thousandLines, TTL))
            .expectError(IllegalArgumentException.class)
            .verify();
        StepVerifier.create(reservations.reserve(anyReservationId(), lines(mug, 1), Duration.ZERO))
            .expectError(IllegalArgumentException.class)
            .verify();
        StepVerifier.create(reservations.setOnHand(mug, -1)).expectError(IllegalArgumentException.class).verify();
        assertLevel(mug, 5, 0);
    }

    private Sku stocked(String name, int onHand) {
        Sku sku = sku(name);
        reservations.setOnHand(sku, onHand).block();
        return sku;
    }

    private void assertLevel(Sku sku, int onHand, int reserved) {
        StepVerifier.create(reservations.levels(List.of(sku)))
            .expectNext(new StockLevel(sku, onHand, reserved))
            .verifyComplete();
    }

}
