package dev.surge.api.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.ProblemAssertions;
import dev.surge.api.support.StockInvariants;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.checkout.application.SetStockOnHand;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.StockReservations;
import dev.surge.testing.EmbeddedRedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Redis stops answering without going away (issue #15 fault suite: SIGSTOP for 10 s, then
 * SIGCONT): its connections stay open and the commands sent meanwhile wait in its socket,
 * to run once it goes on. Checkouts meanwhile answer 503 after the command timeout (250
 * ms, the default), never 500 and never hang; once Redis goes on, the reservations it
 * runs late are given back by their ids, so no hold is left without an order and nothing
 * is applied twice; checkouts then succeed again.
 */
@SurgeIntegrationTest(ownRedis = true)
@ActiveProfiles("demo")
class RedisStallIT {

    private static final int STOCK = 10;

    private static final Duration STOPPED_FOR = Duration.ofSeconds(10);

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    EmbeddedRedisServer redisServer;

    @Autowired
    SetStockOnHand setStockOnHand;

    @Autowired
    StockReservations reservations;

    @Value("${surge.inventory.key-prefix}")
    String keyPrefix;

    @Test
    void checkoutsWhileRedisIsStoppedAnswer503AndLeaveNoHoldBehindOnceItGoesOn() {
        Storefront storefront = new Storefront(client, database);
        String sku = storefront.sku(DemoCatalog.ATELIER_LUMIERE, "EUR", 12);
        setStockOnHand.set(new VendorId(UUID.fromString(DemoCatalog.ATELIER_LUMIERE)), Sku.of(sku), STOCK).block();
        List<Map<String, Object>> carts = List.of(storefront.guestCartWith(sku, 2), storefront.guestCartWith(sku, 3),
                storefront.guestCartWith(sku, 1));
        long ordersBefore = ordersOf(sku);

        List<Long> millis = new ArrayList<>();
        try (StockInvariants invariants = StockInvariants.watch(redisServer.server().url(), keyPrefix, database,
                List.of(sku))) {
            redisServer.pause();
            long stopped = System.nanoTime();
            try {
                // Shoppers keep trying, the carts in turn, for the 10 s Redis is stopped.
                for (int i = 0; System.nanoTime() - stopped < STOPPED_FOR.toNanos(); i++) {
                    long started = System.nanoTime();
                    ProblemAssertions.expectProblem(
                            storefront.checkout(carts.get(i % carts.size()), "stalled-" + UUID.randomUUID()), 503,
                            "service-unavailable");
                    millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                }
            }
            finally {
                redisServer.resume();
            }
            LongSummaryStatistics answered = millis.stream().mapToLong(Long::longValue).summaryStatistics();
            System.out.printf("[figures] Redis stopped (SIGSTOP) for %d s: %d checkouts answered 503 in %d-%d ms%n",
                    STOPPED_FOR.toSeconds(), answered.getCount(), answered.getMin(), answered.getMax());

            // The reservations Redis ran late are given back: every unit is for sale
            // again, and the counters never went out of step meanwhile.
            await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(reservations.levels(List.of(Sku.of(sku))).blockFirst())
                    .isEqualTo(new StockLevel(Sku.of(sku), STOCK, 0)));
            assertThat(invariants.violations()).isEmpty();
            assertThat(invariants.checkQuiet()).isEmpty();
        }
        // Each answered within the command timeout and a little (a slow 2-core machine).
        assertThat(millis).allSatisfy(took -> assertThat(took).isBetween(250L, 1_000L));
        assertThat(ordersOf(sku)).isEqualTo(ordersBefore);
        storefront.checkout(carts.getFirst(), "after-" + UUID.randomUUID()).expectStatus().isCreated();
        assertThat(reservations.levels(List.of(Sku.of(sku))).blockFirst())
            .isEqualTo(new StockLevel(Sku.of(sku), STOCK, 2));
    }

    private long ordersOf(String sku) {
        return database.sql("SELECT count(*) FROM order_lines WHERE sku = :sku")
            .bind("sku", sku)
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
    }

}
