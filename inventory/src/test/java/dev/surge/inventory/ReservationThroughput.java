package dev.surge.inventory;

import dev.surge.checkout.domain.Quantity;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.Sku;
import dev.surge.testing.TestInfrastructure;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reservations per second through the adapter against the same reserve script driven raw
 * (Lettuce EVALSHA with the keys and arguments the adapter sends, built as the adapter
 * builds them, none of the rest of our code), holds following Redis's clock as in
 * production, at 64 concurrent callers, for 1-line and 3-line baskets, in one run; prints
 * the adapter/raw ratio. A benchmark, not a test: run it with
 * {@code ./mvnw -pl inventory -am -Pbenchmark verify} (see docs/benchmarks.md).
 */
public final class ReservationThroughput {

    private static final int CALLERS = 64;

    private static final int WARM_UP = 5_000;

    private static final int MEASURED = 40_000;

    private static final int ROUNDS = 3;

    private ReservationThroughput() {
    }

    public static void main(String[] args) {
        System.out.println("Redis: " + TestInfrastructure.redis().url() + " (" + TestInfrastructure.redis().source()
                + "), " + CALLERS + " concurrent callers, " + MEASURED + " reservations per measurement, median of "
                + ROUNDS);
        try (InventoryFixture fixture = new InventoryFixture("benchmark")) {
            for (int lines : new int[] { 1, 3 }) {
                List<Sku> skus = IntStream.range(0, lines).mapToObj(i -> InventoryFixture.sku("B" + i)).toList();
                skus.forEach(sku -> fixture.reservations.setOnHand(sku, 100_000_000).block());
                List<ReservationLine> basket = skus.stream()
                    .map(sku -> new ReservationLine(sku, Quantity.of(1)))
                    .toList();

                RedisStockReservations reservations = fixture.pod(HoldClock.REDIS, Clock.systemUTC()).reservations();
                Function<ReservationId, Mono<?>> adapter = id -> reservations.reserve(id, basket,
                        Duration.ofMinutes(15));
                Function<ReservationId, Mono<?>> raw = rawReserve(fixture, basket);

                List<Double> adapterRates = new ArrayList<>();
                List<Double> rawRates = new ArrayList<>();
                measure(adapter, WARM_UP);
                measure(raw, WARM_UP);
                for (int round = 0; round < ROUNDS; round++) {
                    adapterRates.add(measure(adapter, MEASURED));
                    rawRates.add(measure(raw, MEASURED));
                }
                double adapterMedian = median(adapterRates);
                double rawMedian = median(rawRates);
                System.out.printf("%d-line basket: adapter %,.0f/s, raw script %,.0f/s, ratio adapter/raw %.2f%n",
                        lines, adapterMedian, rawMedian, adapterMedian / rawMedian);
            }
        }
        System.exit(0);
    }

    /**
     * The reserve script with the same keys and arguments the adapter sends, and nothing
     * else.
     */
    private static Function<ReservationId, Mono<?>> rawReserve(InventoryFixture fixture, List<ReservationLine> basket) {
        var keys = new InventoryKeys(fixture.properties.keyPrefix());
        var script = InventoryScripts.load(fixture.redis.scripting()).reserve();
        return id -> {
            ReserveCall call = ReserveCall.single(keys, id, ReservationPlan.of(basket, false), Duration.ofMinutes(15),
                    fixture.properties.retention(), HoldClock.REDIS, ReserveCall.Shopper.NOBODY, sku -> 0);
            return fixture.redis.scripting()
                .evalsha(script.sha(), ScriptOutputType.MULTI, call.keyArray(), call.argArray())
                .collectList();
        };
    }

    private static double measure(Function<ReservationId, Mono<?>> reserve, int count) {
        List<ReservationId> ids = IntStream.range(0, count)
            .mapToObj(i -> new ReservationId(UUID.randomUUID()))
            .toList();
        long start = System.nanoTime();
        Flux.fromIterable(ids).flatMap(reserve, CALLERS).blockLast();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

}
