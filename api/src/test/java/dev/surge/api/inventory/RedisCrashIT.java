package dev.surge.api.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.checkout.application.SetStockOnHand;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.StockReservations;
import dev.surge.testing.EmbeddedRedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Redis dies under checkout load (issue #15 fault suite): shoppers check out and pay
 * while the test kills its own redis-server with SIGKILL and starts a new, empty one on
 * the same port (a restart without persistence). While it is down, every request that
 * needs it answers 503 with Retry-After, quickly, never 500; once it is back the counters
 * are rebuilt from PostgreSQL; no unit is sold twice and every order acknowledged exists.
 * Carts live in Redis alone: those made before the crash are gone (404), and shoppers
 * start a new one, which is what Surge promises for a Redis without persistence.
 */
@SurgeIntegrationTest(ownRedis = true)
@ActiveProfiles("demo")
@TestPropertySource(
        properties = { "surge.inventory.reconcile-interval=200ms", "surge.inventory.counter-check-interval=1s" })
class RedisCrashIT {

    private static final int STOCK = 25;

    private static final Duration LOAD = Duration.ofSeconds(9);

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

    @Test
    void checkoutsWhileRedisIsKilledAndRestartedEmptyAnswer503AndNeverSellAUnitTwice() throws Exception {
        Storefront storefront = new Storefront(client, database);
        String sku = storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 11);
        setStockOnHand.set(new VendorId(UUID.fromString(DemoCatalog.NORDIC_GOODS)), Sku.of(sku), STOCK).block();
        Map<String, Object> cartBeforeTheCrash = storefront.guestCartWith(sku, 1);
        Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + LOAD.toNanos();

        try (var shoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int shopper = 0; shopper < 6; shopper++) {
                shoppers.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        shop(storefront, sku, answers, acknowledged);
                    }
                });
            }
            Thread.sleep(2_000);
            redisServer.kill();
            Thread.sleep(2_500);
            redisServer.restart();
            shoppers.shutdown();
            assertThat(shoppers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        // While Redis was down: 503 with Retry-After, never 500, answered within the
        // command timeout and a bit.
        List<Answer> unavailable = answers.stream().filter(answer -> answer.status() == 503).toList();
        assertThat(unavailable).isNotEmpty().allSatisfy(answer -> assertThat(answer.retryAfter()).isNotNull());
        assertThat(answers).noneMatch(answer -> answer.status() >= 500 && answer.status() != 503);
        long slowest = unavailable.stream().mapToLong(Answer::millis).max().orElseThrow();
        System.out.printf(
                "[figures] Redis killed under load: %d answers, %d 503 (slowest %d ms), %d orders " + "acknowledged%n",
                answers.size(), unavailable.size(), slowest, acknowledged.size());

        // Back: the counters are rebuilt from the stock of record, within 10 s.
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(
                    () -> assertThat(reservations.levels(List.of(Sku.of(sku))).collectList().block()).singleElement()
                        .satisfies(level -> assertThat(level.onHand()).isEqualTo(storefront.onHand(sku))));
        // Never a unit sold twice: what was sold and what is left make the stock.
        assertThat(storefront.onHand(sku)).isNotNegative().isEqualTo(STOCK - unitsPaid(sku));
        // Every order acknowledged exists.
        for (String orderId : acknowledged) {
            assertThat(orderExists(orderId)).as("order %s", orderId).isTrue();
        }
        // A cart made before the crash went with Redis's data.
        client.get()
            .uri("/api/v1/carts/{id}", cartBeforeTheCrash.get("id"))
            .header("X-Cart-Token", (String) cartBeforeTheCrash.get("token"))
            .exchange()
            .expectStatus()
            .isNotFound();
    }

    /** One shopper's journey, each answer noted; a journey stops at its first refusal. */
    private static void shop(Storefront storefront, String sku, Queue<Answer> answers, Queue<String> acknowledged) {
        long started = System.nanoTime();
        EntityExchangeResult<Map<String, Object>> cart = storefront.createGuestCart("EUR", "DE");
        if (!noted(cart, started, answers)) {
            return;
        }
        Map<String, Object> created = cart.getResponseBody();
        started = System.nanoTime();
        EntityExchangeResult<byte[]> line = storefront.addLine(created, sku, 1).expectBody().returnResult();
        if (!noted(line, started, answers)) {
            return;
        }
        started = System.nanoTime();
        EntityExchangeResult<Map<String, Object>> order = storefront.checkout(created, "crash-" + UUID.randomUUID())
            .expectBody(Storefront.JSON)
            .returnResult();
        if (!noted(order, started, answers)) {
            return;
        }
        acknowledged.add((String) order.getResponseBody().get("orderId"));
        started = System.nanoTime();
        noted(storefront.confirm(order.getResponseBody(), "pm_card_visa").expectBody().returnResult(), started,
                answers);
    }

    private static boolean noted(EntityExchangeResult<?> result, long started, Queue<Answer> answers) {
        int status = result.getStatus().value();
        answers.add(new Answer(status, result.getResponseHeaders().getFirst("Retry-After"),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        return status < 300;
    }

    private record Answer(int status, String retryAfter, long millis) {
    }

    private int unitsPaid(String sku) {
        return database.sql("""
                SELECT coalesce(sum(l.quantity), 0)::int FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE l.sku = :sku AND o.status IN ('PAID', 'FULFILLED')
                """).bind("sku", sku).map(row -> row.get(0, Integer.class)).one().block();
    }

    private boolean orderExists(String orderId) {
        return database.sql("SELECT EXISTS (SELECT 1 FROM orders WHERE id = :id)")
            .bind("id", UUID.fromString(orderId))
            .map(row -> row.get(0, Boolean.class))
            .one()
            .block();
    }

}
