package dev.surge.inventory;

import static dev.surge.inventory.InventoryFixture.anyReservationId;
import static dev.surge.inventory.InventoryFixture.lines;
import static dev.surge.inventory.InventoryFixture.sku;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.domain.Quantity;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.ReservationOutcome.OutOfStock;
import dev.surge.checkout.domain.ReservationOutcome.Reserved;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.Shortfall;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import dev.surge.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The same guarantees on a real 3-master Redis Cluster, where a basket's SKUs live in
 * different slots: each slot group is held atomically, and groups held before a failing
 * one are given back.
 */
class RedisClusterReservationsIT {

    private static final Duration TTL = Duration.ofMinutes(15);

    private InventoryFixture fixture;

    private RedisStockReservations reservations;

    @BeforeEach
    void startFixture() {
        // The cluster comes from SURGE_TEST_REDIS_CLUSTER or Debian's
        // redis-server/redis-cli; CI has both.
        Assumptions.assumeTrue(TestInfrastructure.redisClusterAvailable(),
                "no Redis Cluster: set SURGE_TEST_REDIS_CLUSTER or install redis-server (redis-server, redis-cli)");
        fixture = new InventoryFixture(getClass().getSimpleName(), true);
        reservations = fixture.reservations;
    }

    @AfterEach
    void closeFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void givesBackEarlierSlotGroupsWhenALaterOneIsShort() {
        List<Sku> skus = skusInDifferentSlots("A", "B");
        Sku first = skus.get(0);
        Sku second = skus.get(1);
        stock(first, 5);
        stock(second, 1);

        StepVerifier.create(reservations.reserve(anyReservationId(), lines(first, 2, second, 2), TTL))
            .expectNext(new OutOfStock(List.of(new Shortfall(second, 2, 1))))
            .verifyComplete();
        assertLevel(first, 5, 0);
        assertLevel(second, 1, 0);
    }

    @Test
    void holdsCommitsAndReleasesAcrossSlots() {
        List<Sku> skus = skusInDifferentSlots("A", "B", "C");
        skus.forEach(sku -> stock(sku, 10));
        ReservationId sold = anyReservationId();
        ReservationId abandoned = anyReservationId();
        List<ReservationLine> basket = lines(skus.get(0), 1, skus.get(1), 2, skus.get(2), 3);

        Reserved first = (Reserved) reservations.reserve(sold, basket, TTL).block();
        StepVerifier.create(reservations.reserve(sold, basket, TTL)).expectNext(first).verifyComplete();
        reservations.reserve(abandoned, basket, TTL).block();
        StepVerifier.create(reservations.commit(sold)).expectNext(ReservationState.COMMITTED).verifyComplete();
        StepVerifier.create(reservations.release(abandoned)).expectNext(ReservationState.RELEASED).verifyComplete();

        assertLevel(skus.get(0), 9, 0);
        assertLevel(skus.get(1), 8, 0);
        assertLevel(skus.get(2), 7, 0);
    }

    @Test
    void expiresEverySlotGroupAndReportsTheReservationOnce() {
        List<Sku> skus = skusInDifferentSlots("A", "B");
        skus.forEach(sku -> stock(sku, 4));
        ReservationId id = anyReservationId();
        reservations.reserve(id, lines(skus.get(0), 1, skus.get(1), 1), Duration.ofMinutes(1)).block();

        fixture.clock.advance(Duration.ofMinutes(2));

        StepVerifier.create(fixture.sweeper.sweep()).expectNext(id).verifyComplete();
        assertThat(fixture.reportedExpiries).containsExactly(id);
        assertLevel(skus.get(0), 4, 0);
        assertLevel(skus.get(1), 4, 0);
    }

    @Test
    void neverOversellsUnderTwoThousandConcurrentBasketsOnTheCluster() {
        Random random = new Random(20261128);
        List<Sku> skus = IntStream.range(0, 50).mapToObj(i -> sku("S" + i)).toList();
        Map<Sku, Integer> onHand = new HashMap<>();
        skus.forEach(sku -> {
            int units = 1 + random.nextInt(8);
            onHand.put(sku, units);
            stock(sku, units);
        });
        Map<ReservationId, List<ReservationLine>> requests = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            List<Sku> shuffled = new ArrayList<>(skus);
            Collections.shuffle(shuffled, random);
            requests.put(new ReservationId(UUID.randomUUID()),
                    shuffled.subList(0, 1 + random.nextInt(4))
                        .stream()
                        .map(sku -> new ReservationLine(sku, Quantity.of(1 + random.nextInt(3))))
                        .toList());
        }

        List<ReservationOutcome> outcomes = Flux.fromIterable(requests.entrySet())
            .flatMap(request -> reservations.reserve(request.getKey(), request.getValue(), TTL), 256)
            .collectList()
            .block();

        Map<Sku, Integer> held = new HashMap<>();
        long reserved = outcomes.stream().filter(Reserved.class::isInstance).count();
        outcomes.stream()
            .filter(Reserved.class::isInstance)
            .flatMap(outcome -> ((Reserved) outcome).reservation().lines().stream())
            .forEach(line -> held.merge(line.sku(), line.quantity().value(), Integer::sum));
        System.out.printf("cluster: 2000 concurrent baskets over 50 SKUs: %d reserved, %d refused%n", reserved,
                2_000 - reserved);
        assertThat(reserved).isPositive().isLessThan(2_000);
        for (StockLevel level : reservations.levels(skus).collectList().block()) {
            assertThat(level.onHand()).isEqualTo(onHand.get(level.sku()));
            assertThat(level.reserved()).as("reserved of %s", level.sku()).isEqualTo(held.getOrDefault(level.sku(), 0));
            assertThat(level.reserved()).isLessThanOrEqualTo(level.onHand());
        }
    }

    /**
     * SKUs named in order ({@code ...-A < ...-B}) whose keys fall in pairwise different
     * slots.
     */
    private static List<Sku> skusInDifferentSlots(String... names) {
        while (true) {
            String prefix = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-";
            List<Sku> skus = java.util.Arrays.stream(names).map(name -> Sku.of(prefix + name)).toList();
            long slots = skus.stream().map(sku -> SlotHash.getSlot(sku.value())).distinct().count();
            if (slots == names.length) {
                return skus;
            }
        }
    }

    private void stock(Sku sku, int onHand) {
        reservations.setOnHand(sku, onHand).block();
    }

    private void assertLevel(Sku sku, int onHand, int reserved) {
        StepVerifier.create(reservations.levels(List.of(sku)))
            .expectNext(new StockLevel(sku, onHand, reserved))
            .verifyComplete();
    }

}
