package dev.surge.inventory;

import static dev.surge.inventory.InventoryFixture.anyReservationId;
import static dev.surge.inventory.InventoryFixture.sku;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.domain.Quantity;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Tries to oversell with many concurrent callers and racing state changes, on real Redis.
 */
class ReservationConcurrencyIT {

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
    void neverOversellsUnderTwoThousandConcurrentBaskets() {
        Random random = new Random(20261127);
        List<Sku> skus = IntStream.range(0, 50).mapToObj(i -> sku("S" + i)).toList();
        Map<Sku, Integer> onHand = new HashMap<>();
        skus.forEach(sku -> {
            int units = 1 + random.nextInt(8);
            onHand.put(sku, units);
            reservations.setOnHand(sku, units).block();
        });
        List<List<ReservationLine>> baskets = IntStream.range(0, 2_000).mapToObj(i -> basket(random, skus)).toList();

        // Ids made up front: UUID.randomUUID() reads SecureRandom, not something to do on
        // an event loop.
        Map<ReservationId, List<ReservationLine>> requests = new HashMap<>();
        baskets.forEach(basket -> requests.put(anyReservationId(), basket));

        List<ReservationOutcome> outcomes = Flux.fromIterable(requests.entrySet())
            .flatMap(request -> reservations.reserve(request.getKey(), request.getValue(), TTL), 256)
            .collectList()
            .block();

        Map<Sku, Integer> heldByOutcomes = new HashMap<>();
        long reserved = 0;
        long outOfStock = 0;
        for (ReservationOutcome outcome : outcomes) {
            if (outcome instanceof ReservationOutcome.Reserved held) {
                reserved++;
                held.reservation()
                    .lines()
                    .forEach(line -> heldByOutcomes.merge(line.sku(), line.quantity().value(), Integer::sum));
            }
            else if (outcome instanceof ReservationOutcome.OutOfStock) {
                outOfStock++;
            }
        }
        System.out.printf("2000 concurrent baskets over 50 SKUs: %d reserved, %d out of stock%n", reserved, outOfStock);

        assertThat(reserved + outOfStock).isEqualTo(2_000);
        assertThat(reserved).isPositive();
        assertThat(outOfStock).isPositive();
        for (StockLevel level : reservations.levels(skus).collectList().block()) {
            int held = heldByOutcomes.getOrDefault(level.sku(), 0);
            assertThat(level.onHand()).isEqualTo(onHand.get(level.sku()));
            assertThat(level.reserved()).as("reserved of %s", level.sku()).isEqualTo(held);
            assertThat(level.reserved() + level.available()).isEqualTo(level.onHand());
            assertThat(level.available()).isNotNegative();
        }
    }

    @Test
    void givesADueHoldBackExactlyOnceWhenCommitAndSweeperRace() {
        Sku mug = sku("MUG");
        reservations.setOnHand(mug, 1_000).block();
        int sweptFirst = 0;
        for (int round = 0; round < 100; round++) {
            ReservationId id = anyReservationId();
            reservations.reserve(id, List.of(new ReservationLine(mug, Quantity.of(2))), Duration.ofMillis(1)).block();
            fixture.clock.advance(Duration.ofMillis(1));

            var results = Mono
                .zip(reservations.commit(id).subscribeOn(Schedulers.parallel()),
                        fixture.sweeper.sweep().collectList().subscribeOn(Schedulers.parallel()))
                .block();

            assertThat(results.getT1()).isEqualTo(ReservationState.EXPIRED);
            sweptFirst += results.getT2().size();
        }
        // A due hold is never sold: every round expired and the stock came back every
        // time.
        assertThat(reservations.levels(List.of(mug)).blockFirst()).isEqualTo(new StockLevel(mug, 1_000, 0));
        // The sweeper reports exactly the rounds it won; the others' commits answered
        // EXPIRED.
        assertThat(fixture.reportedExpiries).hasSize(sweptFirst).doesNotHaveDuplicates();
    }

    @Test
    void letsExactlyOneOfReleaseAndCommitWin() {
        Sku mug = sku("MUG");
        reservations.setOnHand(mug, 1_000).block();
        int commits = 0;
        for (int round = 0; round < 100; round++) {
            ReservationId id = anyReservationId();
            reservations.reserve(id, List.of(new ReservationLine(mug, Quantity.of(1))), TTL).block();

            var results = Mono
                .zip(reservations.commit(id).subscribeOn(Schedulers.parallel()),
                        reservations.release(id).subscribeOn(Schedulers.parallel()))
                .block();

            ReservationState winner = results.getT1() == ReservationState.COMMITTED ? ReservationState.COMMITTED
                    : ReservationState.RELEASED;
            assertThat(results.getT1()).isEqualTo(winner);
            assertThat(results.getT2()).isEqualTo(winner);
            if (winner == ReservationState.COMMITTED) {
                commits++;
            }
        }
        assertThat(reservations.levels(List.of(mug)).blockFirst()).isEqualTo(new StockLevel(mug, 1_000 - commits, 0));
    }

    @Test
    void holdsStockOnceForConcurrentDuplicatesOfOneReservation() {
        Sku mug = sku("MUG");
        reservations.setOnHand(mug, 10).block();
        ReservationId id = anyReservationId();
        List<ReservationLine> lines = List.of(new ReservationLine(mug, Quantity.of(3)));

        List<ReservationOutcome> outcomes = Flux.range(0, 20)
            .flatMap(i -> reservations.reserve(id, lines, TTL).subscribeOn(Schedulers.parallel()))
            .collectList()
            .block();

        assertThat(outcomes).hasSize(20).allSatisfy(outcome -> assertThat(outcome).isEqualTo(outcomes.getFirst()));
        assertThat(outcomes.getFirst()).isInstanceOf(ReservationOutcome.Reserved.class);
        StepVerifier.create(reservations.levels(List.of(mug))).expectNext(new StockLevel(mug, 10, 3)).verifyComplete();
    }

    private static List<ReservationLine> basket(Random random, List<Sku> skus) {
        List<Sku> shuffled = new ArrayList<>(skus);
        Collections.shuffle(shuffled, random);
        int lines = 1 + random.nextInt(4);
        return shuffled.subList(0, lines)
            .stream()
            .map(sku -> new ReservationLine(sku, Quantity.of(1 + random.nextInt(3))))
            .toList();
    }

}
