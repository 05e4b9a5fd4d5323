package dev.surge.api.web;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.surge.api.persistence.InMemoryCatalog;
import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The catalog is served from memory and follows the catalog of record: a change is served
 * at once (within a notification's way), a listening connection that drops loses nothing,
 * and a checkout never charges a price the store no longer holds, however stale the copy
 * it was priced from.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class CatalogFreshnessIT {

    /** Generous for a loaded CI machine; the lag measured here is a few milliseconds. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    InMemoryCatalog catalog;

    Storefront storefront;

    String sku;

    @BeforeEach
    void setUp() {
        storefront = new Storefront(client, database);
        sku = storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR");
    }

    @Test
    void servesAVendorsPriceChangeAtOnce() {
        long price = eurPrice(sku) + 100;

        setEurPrice(sku, price);

        await().atMost(AT_ONCE).untilAsserted(() -> assertThat(shownEurPrice(sku)).isEqualTo(price));
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        assertThat(unitPrice(storefront.addLine(cart, sku, 1))).isEqualTo(price);
    }

    @Test
    void takesASuspendedVendorsProductsOutOfTheCatalogAndItsCartsOutOfCheckout() {
        String other = storefront.mostStocked(DemoCatalog.BRICK_LANE_SUPPLY, "EUR");
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, other, 1).expectStatus().isOk();
        String productId = storefront.productOf(other);

        setVendorStatus(DemoCatalog.BRICK_LANE_SUPPLY, "SUSPENDED");
        try {
            await().atMost(AT_ONCE)
                .untilAsserted(() -> client.get()
                    .uri("/api/v1/products/{id}", productId)
                    .exchange()
                    .expectStatus()
                    .isNotFound());
            expectProblem(storefront.checkout(cart, "suspended-" + UUID.randomUUID()), 409, "items-unavailable")
                .jsonPath("$.skus[0]")
                .isEqualTo(other);
        }
        finally {
            setVendorStatus(DemoCatalog.BRICK_LANE_SUPPLY, "APPROVED");
        }
    }

    @Test
    void neverChargesAPriceTheStoreNoLongerHolds() {
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        long priced = unitPrice(storefront.addLine(cart, sku, 1));
        int available = storefront.available(sku);
        long raised = priced + 250;

        // A copy that has not heard of the change yet: the worst case of the lag.
        catalog.stop();
        try {
            setEurPrice(sku, raised);
            assertThat(unitPrice(storefront.addLine(storefront.guestCart("EUR", "DE"), sku, 1))).isEqualTo(priced);

            String key = "stale-" + UUID.randomUUID();
            expectProblem(storefront.checkout(cart, key), 409, "price-changed").jsonPath("$.skus[0]").isEqualTo(sku);
            assertThat(storefront.available(sku)).isEqualTo(available);
            assertThat(ordersHolding(sku)).isZero();

            // The refusal read the catalog again: the same request now charges what the
            // store says.
            Map<String, Object> order = storefront.checkout(cart, key)
                .expectStatus()
                .isCreated()
                .expectBody(Storefront.JSON)
                .returnResult()
                .getResponseBody();
            assertThat(amount(order.get("totals"), "subtotal")).isEqualTo(raised);
        }
        finally {
            catalog.start();
        }
    }

    @Test
    void aDroppedListeningConnectionLosesNoChange() {
        long price = eurPrice(sku) + 7;
        Long terminated = database
            .sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND query = 'LISTEN " + InMemoryCatalog.CHANNEL + "'")
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
        assertThat(terminated).isEqualTo(1);

        setEurPrice(sku, price);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(shownEurPrice(sku)).isEqualTo(price));
    }

    private long eurPrice(String sku) {
        return database.sql("SELECT amount_minor FROM prices WHERE sku = :sku AND currency = 'EUR'")
            .bind("sku", sku)
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
    }

    private void setEurPrice(String sku, long minor) {
        database.sql("UPDATE prices SET amount_minor = :minor WHERE sku = :sku AND currency = 'EUR'")
            .bind("minor", minor)
            .bind("sku", sku)
            .fetch()
            .rowsUpdated()
            .block();
    }

    private void setVendorStatus(String vendorId, String status) {
        database.sql("UPDATE vendors SET status = :status WHERE id = :id")
            .bind("status", status)
            .bind("id", UUID.fromString(vendorId))
            .fetch()
            .rowsUpdated()
            .block();
    }

    private long ordersHolding(String sku) {
        return database.sql("SELECT count(*) FROM order_lines WHERE sku = :sku")
            .bind("sku", sku)
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
    }

    private long shownEurPrice(String sku) {
        return amount(storefront.shownVariant(sku, "EUR").get("price"));
    }

    @SuppressWarnings("unchecked")
    private long unitPrice(WebTestClient.ResponseSpec cartAnswer) {
        Map<String, Object> cart = cartAnswer.expectStatus()
            .isOk()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
        List<Map<String, Object>> lines = (List<Map<String, Object>>) cart.get("lines");
        return lines.stream()
            .filter(line -> sku.equals(line.get("sku")))
            .map(line -> amount(line.get("unitPrice")))
            .findFirst()
            .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static long amount(Object totals, String field) {
        return amount(((Map<String, Object>) totals).get(field));
    }

    @SuppressWarnings("unchecked")
    private static long amount(Object money) {
        return ((Number) ((Map<String, Object>) money).get("amount")).longValue();
    }

}
