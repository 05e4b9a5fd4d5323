package dev.surge.api.checkout;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.payments.stub.StripeStub;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Checkouts when something breaks after the stock was reserved: the order transaction
 * fails, PostgreSQL stops answering, the reservation expires before payment. The stock
 * always comes back, nothing is charged, and the same key succeeds once things work.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(properties = { "surge.inventory.reservation-ttl=4s", "surge.inventory.sweep-interval=200ms",
        "spring.r2dbc.properties.statementTimeout=PT2S" })
class CheckoutFaultsIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    ReactiveTransactionManager transactions;

    @Autowired
    StripeStub stripe;

    Storefront storefront;

    @BeforeEach
    void storefront() {
        storefront = new Storefront(client, database);
    }

    @Test
    void givesTheStockBackWhenTheOrderTransactionFailsAndSucceedsLaterWithTheSameKey() {
        String sku = storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 8);
        int before = storefront.available(sku);
        Map<String, Object> cart = storefront.guestCartWith(sku, 2);
        String key = "fault-" + UUID.randomUUID();
        int livePaymentsBefore = stripe.ledger().livePaymentIntentCount();
        sql("CREATE OR REPLACE FUNCTION refuse_sub_orders() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'injected failure'; END $$");
        sql("CREATE TRIGGER refuse_sub_orders BEFORE INSERT ON sub_orders FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_sub_orders()");
        try {
            int status = storefront.checkout(cart, key).returnResult(Void.class).getStatus().value();
            assertThat(status).isGreaterThanOrEqualTo(500);
            assertThat(storefront.available(sku)).isEqualTo(before);
            // The payment is created before the order's write; refused, it is cancelled.
            assertThat(stripe.ledger().livePaymentIntentCount()).isEqualTo(livePaymentsBefore);
            assertThat(count("SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE l.sku = '"
                    + sku + "'"))
                .isZero();
        }
        finally {
            sql("DROP TRIGGER refuse_sub_orders ON sub_orders");
        }

        storefront.checkout(cart, key).expectStatus().isCreated();
        assertThat(storefront.available(sku)).isEqualTo(before - 2);
        assertThat(stripe.ledger().livePaymentIntentCount()).isEqualTo(livePaymentsBefore + 1);
    }

    @Test
    void givesTheStockBackWhenPostgresStopsAnsweringMidCheckout() {
        String sku = storefront.sku(DemoCatalog.ATELIER_LUMIERE, "EUR", 8);
        int before = storefront.available(sku);
        Map<String, Object> cart = storefront.guestCartWith(sku, 1);
        String key = "stalled-" + UUID.randomUUID();

        // Another session holds the orders table: the checkout's insert waits until the
        // statement timeout.
        Mono<Void> holdOrders = database.sql("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE")
            .then()
            .then(Mono.delay(Duration.ofSeconds(4)))
            .then()
            .as(TransactionalOperator.create(transactions)::transactional);
        var held = holdOrders.subscribe();
        try {
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
            expectProblem(storefront.checkout(cart, key), 503, "service-unavailable");
            assertThat(storefront.available(sku)).isEqualTo(before);
        }
        finally {
            await().atMost(Duration.ofSeconds(10)).until(held::isDisposed);
        }

        storefront.checkout(cart, key).expectStatus().isCreated();
        assertThat(storefront.available(sku)).isEqualTo(before - 1);
    }

    @Test
    void cancelsAnOrderWhoseReservationExpiredAndCallsOffItsPayment() {
        String sku = storefront.sku(DemoCatalog.BRICK_LANE_SUPPLY, "EUR", 8);
        int before = storefront.available(sku);
        Map<String, Object> order = storefront.checkout(storefront.guestCartWith(sku, 1), "expiry-" + UUID.randomUUID())
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
        assertThat(storefront.available(sku)).isEqualTo(before - 1);

        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> client.get()
                .uri("/api/v1/orders/{id}", order.get("orderId"))
                .header("X-Order-Token", (String) order.get("orderToken"))
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED"));
        assertThat(storefront.available(sku)).isEqualTo(before);
        @SuppressWarnings("unchecked")
        String payment = (String) ((Map<String, Object>) order.get("payment")).get("paymentIntentId");
        assertThat(stripe.ledger().statusOf(payment)).isEqualTo("canceled");
    }

    private void sql(String statement) {
        database.sql(statement).fetch().rowsUpdated().block();
    }

    private long count(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

}
