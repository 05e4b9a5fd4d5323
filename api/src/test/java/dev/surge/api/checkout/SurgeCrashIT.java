package dev.surge.api.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.StockInvariants;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeProcess;
import dev.surge.payments.StripeWebhooks;
import dev.surge.payments.stub.StripeStub;
import dev.surge.payments.stub.StubLedger.OrderMoney;
import dev.surge.testing.PostgresServer;
import dev.surge.testing.TestInfrastructure;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Surge itself dies (issue #15 fault suite): Surge runs in processes of its own, shoppers
 * check out and pay through them, and the test kills one with SIGKILL in the middle of
 * it, while the Stripe stand-in answers slowly enough that payments are in flight. A
 * shopper whose request got no answer retries it with the same Idempotency-Key, as a
 * storefront would. Once things are quiet: every order acknowledged is paid or
 * compensated (cancelled, its stock back, any money refunded), no order was charged
 * twice, no vendor share paid twice, every hold has ended, and the stock invariants held
 * in both stores throughout (sampled every 100 ms). Two ways to die: the only instance,
 * restarted on the same port (its webhooks lost meanwhile, so reconciliation must find
 * the payments); one of two instances, never back, the other finishing its work.
 */
class SurgeCrashIT {

    private static final int SCARCE_STOCK = 12;

    private static final int AMPLE_STOCK = 400;

    private static final Duration LOAD = Duration.ofSeconds(12);

    private static final Duration KILLED_AFTER = Duration.ofSeconds(5);

    private static final int SHOPPERS = 6;

    /** How long a shopper keeps retrying a request that got no answer. */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);

    private final List<SurgeProcess> instances = new ArrayList<>();

    private PostgresServer postgres;

    private DatabaseClient database;

    private StripeStub stripe;

    private String keyPrefix;

    private Map<String, String> properties;

    private final Queue<String> acknowledgedOrders = new ConcurrentLinkedQueue<>();

    private final Queue<String> acknowledgedPayments = new ConcurrentLinkedQueue<>();

    private final Queue<Integer> serverErrors = new ConcurrentLinkedQueue<>();

    private final AtomicInteger refused = new AtomicInteger();

    private final AtomicInteger cutOff = new AtomicInteger();

    @BeforeEach
    void infrastructure() {
        postgres = TestInfrastructure.isolatedDatabase("SurgeCrashIT");
        database = DatabaseClient.create(ConnectionFactories.get(ConnectionFactoryOptions.parse(postgres.r2dbcUrl())
            .mutate()
            .option(ConnectionFactoryOptions.USER, postgres.user())
            .option(ConnectionFactoryOptions.PASSWORD, postgres.password())
            .build()));
        keyPrefix = TestInfrastructure.isolatedKeyPrefix("SurgeCrashIT");
        stripe = StripeStub.start();
        // Payments take a while at Stripe, so a kill finds some in flight.
        stripe.faults().delayResponses(Duration.ofMillis(80));
        String topics = keyPrefix.replace(':', '.');
        properties = Map.ofEntries(Map.entry("spring.profiles.active", "demo"),
                Map.entry("surge.postgres.url", postgres.url()),
                Map.entry("surge.redis.url", TestInfrastructure.redis().url()),
                Map.entry("surge.inventory.key-prefix", keyPrefix),
                Map.entry("surge.kafka.bootstrap-servers", TestInfrastructure.kafka().bootstrapServers()),
                Map.entry("surge.kafka.vendor-orders-topic", topics + "vendor-orders"),
                Map.entry("surge.kafka.orders-topic", topics + "orders"),
                Map.entry("surge.payments.stripe.api-key", stripe.apiKey()),
                Map.entry("surge.payments.stripe.api-base", stripe.apiBase().toString()),
                Map.entry("surge.payments.stripe.webhook-secret", stripe.webhooks().secret()),
                // Holds of checkouts that died end soon, payments whose webhooks were
                // lost are found soon, and a retry takes over a dead attempt's key soon.
                Map.entry("surge.inventory.reservation-ttl", "8s"),
                Map.entry("surge.payments.stripe.reconcile-interval", "2s"),
                Map.entry("surge.checkout.idempotency-lease", "4s"),
                Map.entry("surge.payments.transfer-interval", "1s"),
                Map.entry("surge.payments.reversal-interval", "1s"));
    }

    @AfterEach
    void stop() {
        instances.forEach(SurgeProcess::close);
        stripe.close();
    }

    @Test
    void theOnlySurgeKilledMidCheckoutsAndPaymentsLosesNothingOnceRestarted() throws Exception {
        SurgeProcess surge = started("a");
        deliverWebhooksTo(surge);
        List<String> skus = stocked(surge);

        try (StockInvariants invariants = watching(skus)) {
            shopWhile(skus, attempt -> surge, () -> {
                surge.kill();
                surge.restart();
            });
            awaitQuiet();
            assertEverythingPaidOrCompensated(skus, invariants);
        }
    }

    @Test
    void whenOneOfTwoSurgesDiesTheOtherFinishesItsCheckoutsAndPayments() throws Exception {
        SurgeProcess dying = started("a");
        SurgeProcess surviving = started("b");
        // Stripe's endpoint is the load balancer's address; it sends to an instance
        // alive.
        deliverWebhooksTo(surviving);
        List<String> skus = stocked(surviving);

        try (StockInvariants invariants = watching(skus)) {
            // Shoppers spread over both, and retry on the other instance.
            shopWhile(skus, attempt -> attempt % 2 == 0 ? dying : surviving, dying::kill);
            awaitQuiet();
            assertEverythingPaidOrCompensated(skus, invariants);
        }
    }

    private SurgeProcess started(String name) {
        SurgeProcess surge = SurgeProcess.start(name, properties);
        instances.add(surge);
        return surge;
    }

    private void deliverWebhooksTo(SurgeProcess surge) {
        stripe.webhooks()
            .enabledEvents(StripeWebhooks.EVENT_TYPES)
            .deliverTo(surge.baseUrl().resolve("/api/v1/webhooks/stripe"));
    }

    /** A scarce SKU that sells out during the run and an ample one that does not. */
    private List<String> stocked(SurgeProcess surge) {
        Storefront storefront = new Storefront(surge.client(), database);
        List<String> skus = List.of(storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 3),
                storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 4));
        String vendorToken = DemoTokensClient.token(surge.client(), Map.of("role", "vendor", "subject",
                DemoCatalog.ownerOf(DemoCatalog.NORDIC_GOODS), "vendorId", DemoCatalog.NORDIC_GOODS));
        int[] stock = { SCARCE_STOCK, AMPLE_STOCK };
        for (int i = 0; i < skus.size(); i++) {
            surge.client()
                .put()
                .uri("/api/v1/vendor/skus/{sku}/stock", skus.get(i))
                .headers(headers -> headers.setBearerAuth(vendorToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("onHand", stock[i]))
                .exchange()
                .expectStatus()
                .isOk();
        }
        return skus;
    }

    private StockInvariants watching(List<String> skus) {
        return StockInvariants.watch(TestInfrastructure.redis().url(), keyPrefix, database, skus);
    }

    /**
     * Shoppers buy one unit of a SKU each journey (alternating) for {@link #LOAD}; the
     * fault happens {@link #KILLED_AFTER} into it. {@code instance} picks the instance
     * for each attempt at a request (the next attempt after no answer goes to the next).
     */
    private void shopWhile(List<String> skus, IntFunction<SurgeProcess> instance, Runnable fault)
            throws InterruptedException {
        long deadline = System.nanoTime() + LOAD.toNanos();
        try (var shoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int shopper = 0; shopper < SHOPPERS; shopper++) {
                int first = shopper;
                shoppers.submit(() -> {
                    for (int journey = 0; System.nanoTime() < deadline; journey++) {
                        shop(skus.get(journey % skus.size()), instance, first + journey);
                    }
                });
            }
            Thread.sleep(KILLED_AFTER);
            fault.run();
            shoppers.shutdown();
            assertThat(shoppers.awaitTermination(3, TimeUnit.MINUTES)).isTrue();
        }
        System.out.printf(
                "[figures] Surge killed under load: %d orders acknowledged, %d payments acknowledged, "
                        + "%d requests cut off by the kill and %d refused (all retried)%n",
                acknowledgedOrders.size(), acknowledgedPayments.size(), cutOff.get(), refused.get());
        assertThat(acknowledgedOrders).isNotEmpty();
        assertThat(cutOff).as("requests in flight when the process died").hasPositiveValue();
        assertThat(serverErrors).as("answers 500 and above other than 503").isEmpty();
    }

    /** One journey; a request without an answer is retried, the same key kept. */
    private void shop(String sku, IntFunction<SurgeProcess> instance, int seed) {
        int[] attempt = { seed };
        EntityExchangeResult<Map<String, Object>> cart = answered(attempt, instance,
                storefront -> storefront.createGuestCart("EUR", "DE"));
        if (cart == null || cart.getStatus().value() != 201) {
            return;
        }
        Map<String, Object> created = cart.getResponseBody();
        EntityExchangeResult<byte[]> line = answered(attempt, instance,
                storefront -> storefront.addLine(created, sku, 1).expectBody().returnResult());
        if (line == null || line.getStatus().value() != 200) {
            return;
        }
        String key = "crash-" + UUID.randomUUID();
        EntityExchangeResult<Map<String, Object>> order = answered(attempt, instance,
                storefront -> storefront.checkout(created, key).expectBody(Storefront.JSON).returnResult());
        if (order == null || order.getStatus().value() != 201) {
            return;
        }
        acknowledgedOrders.add((String) order.getResponseBody().get("orderId"));
        EntityExchangeResult<Map<String, Object>> paid = answered(attempt, instance,
                storefront -> storefront.confirm(order.getResponseBody(), "pm_card_visa")
                    .expectBody(Storefront.JSON)
                    .returnResult());
        if (paid != null && paid.getStatus().value() == 200) {
            acknowledgedPayments.add((String) order.getResponseBody().get("orderId"));
        }
    }

    /**
     * The first answer to the request that a storefront would not retry, trying again on
     * the next instance while there is none; null if none came in time.
     */
    private <T> EntityExchangeResult<T> answered(int[] attempt, IntFunction<SurgeProcess> instance,
            java.util.function.Function<Storefront, EntityExchangeResult<T>> request) {
        long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (System.nanoTime() < giveUp) {
            SurgeProcess surge = instance.apply(attempt[0]);
            try {
                EntityExchangeResult<T> result = request.apply(new Storefront(surge.client(), database));
                int status = result.getStatus().value();
                if (status >= 500 && status != 503) {
                    serverErrors.add(status);
                }
                if (!retried(result) || System.nanoTime() > giveUp) {
                    return result;
                }
            }
            catch (RuntimeException noAnswer) {
                // Refused (dead or starting) or cut off mid-request (killed under it).
                (cutOff(noAnswer) ? cutOff : refused).incrementAndGet();
            }
            attempt[0]++;
            pause(Duration.ofMillis(250));
        }
        return null;
    }

    /**
     * Whether a storefront would try again: unavailable, or the key still held by an
     * attempt that died (until its lease ends).
     */
    private static boolean retried(EntityExchangeResult<?> result) {
        int status = result.getStatus().value();
        Object body = result.getResponseBody();
        String text = body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(body);
        return status == 503 || status == 409 && text.contains("idempotency-key-in-flight");
    }

    /** Whether the request was sent and its connection then closed without an answer. */
    private static boolean cutOff(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException) {
                return false;
            }
        }
        return true;
    }

    /** Until no order waits for payment and Stripe has nothing left to settle. */
    private void awaitQuiet() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(database.sql("SELECT id::text FROM orders WHERE status = 'PENDING_PAYMENT'")
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block()).as("orders waiting for payment").isEmpty();
            Map<String, String> statuses = orderStatuses();
            assertThat(stripe.ledger().moneyByOrder()).as("orders whose PaymentIntents may still collect money")
                .allSatisfy((orderId, money) -> assertThat(money.openIntents())
                    .as("%s (%s)", orderId, statuses.getOrDefault(orderId, "never stored"))
                    .isZero());
        });
    }

    private void assertEverythingPaidOrCompensated(List<String> skus, StockInvariants invariants) {
        Map<String, String> statuses = orderStatuses();
        // Every order acknowledged exists and is paid or compensated.
        for (String orderId : acknowledgedOrders) {
            assertThat(statuses.get(orderId)).as("order %s", orderId).isIn("PAID", "FULFILLED", "CANCELLED");
        }
        for (String orderId : acknowledgedPayments) {
            assertThat(statuses.get(orderId)).as("paid order %s", orderId).isIn("PAID", "FULFILLED");
        }
        // No order charged twice; the money of an order that did not sell went back;
        // no vendor share paid twice, none kept from a refunded order.
        Map<String, OrderMoney> money = stripe.ledger().moneyByOrder();
        money.forEach((orderId, paid) -> {
            assertThat(paid.succeededCharges()).as("charges of order %s", orderId).isLessThanOrEqualTo(1);
            assertThat(paid.mostTransfersToOneVendor()).as("transfers to a vendor for order %s", orderId)
                .isLessThanOrEqualTo(1);
            boolean sold = sold(statuses.get(orderId));
            assertThat(paid.kept()).as("money kept for order %s (%s): %s", orderId, statuses.get(orderId), paid)
                .isEqualTo(sold);
            if (!sold) {
                assertThat(paid.transferredNotReversed()).as("vendor shares of order %s", orderId).isZero();
            }
        });
        // Every sold order was charged (no order paid for free).
        statuses.forEach((orderId, status) -> {
            if (sold(status)) {
                assertThat(money.get(orderId)).as("money of paid order %s", orderId)
                    .isNotNull()
                    .satisfies(paid -> assertThat(paid.kept()).isTrue());
            }
        });
        // Stock: never negative nor out of step while it ran; every hold ended; the
        // counters equal the stock of record; what was sold and what is left make the
        // stock.
        assertThat(invariants.violations()).isEmpty();
        assertThat(invariants.redisSamples()).isPositive();
        assertThat(invariants.recordSamples()).isPositive();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(invariants.checkQuiet()).isEmpty());
        Map<String, Integer> paidUnits = unitsPaid();
        Storefront storefront = new Storefront(instances.getLast().client(), database);
        assertThat(storefront.onHand(skus.get(0))).isNotNegative()
            .isEqualTo(SCARCE_STOCK - paidUnits.getOrDefault(skus.get(0), 0));
        assertThat(storefront.onHand(skus.get(1))).isEqualTo(AMPLE_STOCK - paidUnits.getOrDefault(skus.get(1), 0));
        System.out.printf("[figures] after the crash: %d orders, %d paid, %d money movements checked, units paid %s%n",
                statuses.size(), statuses.values().stream().filter("PAID"::equals).count(), money.size(), paidUnits);
    }

    /** Whether an order in this status (null: never stored) sold its goods. */
    private static boolean sold(String status) {
        return "PAID".equals(status) || "FULFILLED".equals(status);
    }

    private Map<String, String> orderStatuses() {
        Map<String, String> statuses = new HashMap<>();
        database.sql("SELECT id::text, status FROM orders")
            .map(row -> Map.entry(row.get(0, String.class), row.get(1, String.class)))
            .all()
            .doOnNext(entry -> statuses.put(entry.getKey(), entry.getValue()))
            .blockLast(Duration.ofSeconds(10));
        return statuses;
    }

    private Map<String, Integer> unitsPaid() {
        Map<String, Integer> units = new HashMap<>();
        database.sql("""
                SELECT l.sku, sum(l.quantity)::int FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE o.status IN ('PAID', 'FULFILLED') GROUP BY l.sku
                """)
            .map(row -> Map.entry(row.get(0, String.class), row.get(1, Integer.class)))
            .all()
            .doOnNext(entry -> units.put(entry.getKey(), entry.getValue()))
            .blockLast(Duration.ofSeconds(10));
        return units;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
