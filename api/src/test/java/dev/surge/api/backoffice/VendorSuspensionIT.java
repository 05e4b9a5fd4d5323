package dev.surge.api.backoffice;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A suspended vendor stops selling at once: its products leave the catalog and carts
 * holding them are refused at checkout, while the orders it already has go on.
 * Reinstated, it sells again.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class VendorSuspensionIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Test
    void aSuspendedVendorSellsNothingFromTheNextRequestOnWhileItsPlacedOrdersGoOn() {
        var office = new BackOffice(client);
        var storefront = new Storefront(client, database);
        String sku = storefront.mostStocked(DemoCatalog.ATELIER_LUMIERE, "EUR");
        String product = storefront.productOf(sku);
        Map<String, Object> paid = storefront.paidOrder(DemoCatalog.ATELIER_LUMIERE);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, sku, 1).expectStatus().isOk();
        storefront.addLine(cart, storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR"), 1).expectStatus().isOk();

        office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + DemoCatalog.ATELIER_LUMIERE + "/suspend",
                office.operator(), Map.of("reason", "Unpaid fees"), 200);

        client.get().uri("/api/v1/products/{id}", product).exchange().expectStatus().isNotFound();
        assertThat(listedVendors()).doesNotContain(DemoCatalog.ATELIER_LUMIERE).contains(DemoCatalog.NORDIC_GOODS);
        expectProblem(storefront.addLine(storefront.guestCart("EUR", "DE"), sku, 1), 400, "validation-failed");
        expectProblem(storefront.checkout(cart, UUID.randomUUID().toString()), 409, "items-unavailable")
            .jsonPath("$.skus[0]")
            .isEqualTo(sku);

        // The paid order is still Atelier's to ship.
        String subOrder = subOrderOf(paid, DemoCatalog.ATELIER_LUMIERE);
        assertThat(office.json(HttpMethod.POST, "/api/v1/vendor/orders/" + subOrder + "/ship",
                office.customer(DemoCatalog.ownerOf(DemoCatalog.ATELIER_LUMIERE)),
                Map.of("carrier", "DHL", "trackingNumber", "JD0001"), 200))
            .containsEntry("status", "SHIPPED");

        office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + DemoCatalog.ATELIER_LUMIERE + "/reinstate",
                office.operator(), null, 200);
        client.get().uri("/api/v1/products/{id}", product).exchange().expectStatus().isOk();
        storefront.checkout(cart, UUID.randomUUID().toString()).expectStatus().isCreated();
    }

    @Test
    void aCheckoutThatCommitsAfterTheSuspensionIsRefusedEvenWhenTheCatalogCopyLagged() {
        var storefront = new Storefront(client, database);
        String sku = storefront.mostStocked(DemoCatalog.BRICK_LANE_SUPPLY, "EUR");
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, sku, 1).expectStatus().isOk();

        // Suspended in the store of record behind Surge's back: the in-memory catalog
        // learns of it only from the notification, which may come after the checkout
        // priced the cart; the order's own statement refuses it either way.
        database.sql("UPDATE vendors SET status = 'SUSPENDED', status_reason = 'test' WHERE id = :id")
            .bind("id", UUID.fromString(DemoCatalog.BRICK_LANE_SUPPLY))
            .fetch()
            .rowsUpdated()
            .block();

        expectProblem(storefront.checkout(cart, UUID.randomUUID().toString()), 409, "items-unavailable");
        assertThat(database
            .sql("SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id " + "WHERE l.sku = :sku")
            .bind("sku", sku)
            .map(row -> row.get(0, Long.class))
            .one()
            .block()).isZero();
    }

    @Test
    void aSuspendedVendorsShareOfAPaidOrderWaitsUntilItIsReinstated() {
        var office = new BackOffice(client);
        var storefront = new Storefront(client, database);
        Map<String, Object> order = storefront.placedOrder(DemoCatalog.NORDIC_GOODS, DemoCatalog.ATELIER_LUMIERE);

        office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + DemoCatalog.ATELIER_LUMIERE + "/suspend",
                office.operator(), Map.of("reason", "Under review"), 200);
        // The order placed before goes on: it is paid, and Nordic Goods is paid its
        // share.
        storefront.confirm(order, "pm_card_visa").expectStatus().isOk();
        String nordic = subOrderOf(order, DemoCatalog.NORDIC_GOODS);
        String atelier = subOrderOf(order, DemoCatalog.ATELIER_LUMIERE);
        await(() -> transferOf(nordic) != null);
        assertThat(transferOf(atelier)).isNull();
        client.get()
            .uri("/actuator/health")
            .headers(headers -> headers.setBearerAuth(office.operator()))
            .exchange()
            .expectBody()
            .jsonPath("$.components.vendorTransfers.details.heldForSuspendedVendors")
            .isEqualTo(1)
            .jsonPath("$.components.vendorTransfers.status")
            .isEqualTo("UP");

        office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + DemoCatalog.ATELIER_LUMIERE + "/reinstate",
                office.operator(), null, 200);
        await(() -> transferOf(atelier) != null);
    }

    @Test
    void anOperatorReleasesASuspendedVendorsHeldSharesWithoutReinstatingIt() {
        var office = new BackOffice(client);
        var storefront = new Storefront(client, database);
        Map<String, Object> order = storefront.placedOrder(DemoCatalog.NORDIC_GOODS, DemoCatalog.ATELIER_LUMIERE);
        String atelier = "/api/v1/admin/vendors/" + DemoCatalog.ATELIER_LUMIERE;
        office.json(HttpMethod.POST, atelier + "/release-payouts", office.operator(), Map.of("reason", "Not suspended"),
                409);
        office.json(HttpMethod.POST, atelier + "/suspend", office.operator(), Map.of("reason", "Under review"), 200);
        storefront.confirm(order, "pm_card_visa").expectStatus().isOk();
        String held = subOrderOf(order, DemoCatalog.ATELIER_LUMIERE);
        await(() -> transferOf(subOrderOf(order, DemoCatalog.NORDIC_GOODS)) != null);
        assertThat(transferOf(held)).isNull();

        office.json(HttpMethod.POST, atelier + "/release-payouts", office.operator(), Map.of(), 400);
        Map<String, Object> released = office.json(HttpMethod.POST, atelier + "/release-payouts", office.operator(),
                Map.of("reason", "Goods shipped before the review"), 200);

        assertThat(released).containsEntry("status", "SUSPENDED")
            .containsEntry("statusReason", "Under review")
            .containsEntry("payoutsReleaseReason", "Goods shipped before the review");
        await(() -> transferOf(held) != null);
        // Released, not reinstated: it still sells nothing.
        expectProblem(storefront.addLine(storefront.guestCart("EUR", "DE"),
                storefront.mostStocked(DemoCatalog.ATELIER_LUMIERE, "EUR"), 1), 400, "validation-failed");
        office.json(HttpMethod.POST, atelier + "/release-payouts", office.operator(), Map.of("reason", "Once more"),
                200);
        assertThat(database
            .sql("SELECT count(*) FROM audit_log WHERE action = 'vendor.payouts-released' " + "AND target = 'vendor:"
                    + DemoCatalog.ATELIER_LUMIERE + "'")
            .map(row -> row.get(0, Long.class))
            .one()
            .block()).as("released once").isEqualTo(1);

        office.json(HttpMethod.POST, atelier + "/reinstate", office.operator(), null, 200);
        assertThat(
                office.json(HttpMethod.POST, atelier + "/suspend", office.operator(), Map.of("reason", "Again"), 200))
            .as("a new suspension holds its shares again")
            .containsEntry("payoutsReleaseReason", null);
        office.json(HttpMethod.POST, atelier + "/reinstate", office.operator(), null, 200);
    }

    private @org.jspecify.annotations.Nullable String transferOf(String subOrder) {
        return transferOf(database, subOrder);
    }

    static @org.jspecify.annotations.Nullable String transferOf(DatabaseClient database, String subOrder) {
        return database.sql("SELECT transfer_id FROM sub_orders WHERE id = :id")
            .bind("id", UUID.fromString(subOrder))
            .map(row -> java.util.Optional.ofNullable(row.get("transfer_id", String.class)))
            .one()
            .block()
            .orElse(null);
    }

    /** Transfers are made in the background, every few seconds at most. */
    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private List<String> listedVendors() {
        Map<String, Object> page = client.get()
            .uri("/api/v1/products?limit=100")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return items.stream().map(item -> (String) item.get("vendorId")).distinct().toList();
    }

    @SuppressWarnings("unchecked")
    static String subOrderOf(Map<String, Object> order, String vendorId) {
        return ((List<Map<String, Object>>) order.get("subOrders")).stream()
            .filter(subOrder -> vendorId.equals(subOrder.get("vendorId")))
            .map(subOrder -> (String) subOrder.get("id"))
            .findFirst()
            .orElseThrow();
    }

}
