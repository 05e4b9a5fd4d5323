package dev.surge.api.vendors;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.payments.stub.StripeStub;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The vendor order API: each vendor sees, accepts and ships only its own sub-orders. */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class VendorOrdersIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    StripeStub stripe;

    @Test
    void listsOnlyTheVendorsOwnSubOrdersNewestFirstAndPagesThem() {
        Map<String, Object> first = order(true);
        Map<String, Object> second = order(true);

        List<Map<String, Object>> nordic = items(get(DemoCatalog.NORDIC_GOODS, "/api/v1/vendor/orders?limit=100"));

        assertThat(nordic).extracting(item -> item.get("orderId"))
            .containsSubsequence(second.get("orderId"), first.get("orderId"));
        assertThat(nordic).allSatisfy(
                item -> assertThat(subOrderVendor((String) item.get("id"))).isEqualTo(DemoCatalog.NORDIC_GOODS));
        Map<String, Object> page = get(DemoCatalog.NORDIC_GOODS, "/api/v1/vendor/orders?limit=1");
        Map<String, Object> next = get(DemoCatalog.NORDIC_GOODS,
                "/api/v1/vendor/orders?limit=1&cursor=" + page.get("nextCursor"));
        assertThat(items(next).getFirst().get("id")).isNotEqualTo(items(page).getFirst().get("id"));
        assertThat(items(get(DemoCatalog.NORDIC_GOODS, "/api/v1/vendor/orders?status=ACCEPTED&limit=100")))
            .allSatisfy(item -> assertThat(item.get("status")).isEqualTo("ACCEPTED"));
        expectProblem(client.get()
            .uri("/api/v1/vendor/orders?status=LOST")
            .headers(headers -> headers.setBearerAuth(vendor(DemoCatalog.NORDIC_GOODS)))
            .exchange(), 400, "validation-failed");
    }

    @Test
    void aPaidSubOrderWaitsForItsVendorWhoAcceptsItOnce() {
        Map<String, Object> order = order(true);
        String nordicPart = subOrderOf(order, DemoCatalog.NORDIC_GOODS);
        String atelierPart = subOrderOf(order, DemoCatalog.ATELIER_LUMIERE);
        assertThat(subOrder(DemoCatalog.NORDIC_GOODS, nordicPart)).containsEntry("status", "PENDING")
            .containsEntry("orderStatus", "PAID");

        accept(DemoCatalog.NORDIC_GOODS, nordicPart).expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("ACCEPTED")
            .jsonPath("$.orderStatus")
            .isEqualTo("PAID");
        accept(DemoCatalog.NORDIC_GOODS, nordicPart).expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("ACCEPTED");

        assertThat(count("SELECT count(*) FROM outbox WHERE type = 'suborder.accepted' AND order_id = '"
                + order.get("orderId") + "' AND vendor_id = '" + DemoCatalog.NORDIC_GOODS + "'"))
            .as("one suborder.accepted, for its vendor only")
            .isEqualTo(1);
        assertThat(subOrder(DemoCatalog.ATELIER_LUMIERE, atelierPart)).containsEntry("status", "PENDING");
        assertThat(orderStatus(order)).isEqualTo("PAID");
        assertThat(items(get(DemoCatalog.NORDIC_GOODS, "/api/v1/vendor/orders?status=ACCEPTED&limit=100")))
            .extracting(item -> item.get("id"))
            .contains(nordicPart);
    }

    @Test
    void refusesToAcceptWhatIsNotPaidWasRefundedOrHasShippedOrIsAnotherVendors() {
        Map<String, Object> unpaid = order(false);
        Map<String, Object> refunded = order(true);
        cancel(refunded).expectStatus().isOk();
        Map<String, Object> shipped = order(true);
        ship(DemoCatalog.NORDIC_GOODS, subOrderOf(shipped, DemoCatalog.NORDIC_GOODS)).expectStatus().isOk();

        expectProblem(accept(DemoCatalog.NORDIC_GOODS, subOrderOf(unpaid, DemoCatalog.NORDIC_GOODS)), 409,
                "order-state-conflict")
            .jsonPath("$.orderStatus")
            .isEqualTo("PENDING_PAYMENT");
        expectProblem(accept(DemoCatalog.NORDIC_GOODS, subOrderOf(refunded, DemoCatalog.NORDIC_GOODS)), 409,
                "order-state-conflict")
            .jsonPath("$.subOrderStatus")
            .isEqualTo("CANCELLED");
        expectProblem(accept(DemoCatalog.NORDIC_GOODS, subOrderOf(shipped, DemoCatalog.NORDIC_GOODS)), 409,
                "order-state-conflict")
            .jsonPath("$.subOrderStatus")
            .isEqualTo("SHIPPED");
        expectProblem(accept(DemoCatalog.NORDIC_GOODS, subOrderOf(shipped, DemoCatalog.ATELIER_LUMIERE)), 404,
                "not-found");
    }

    @Test
    void shipsPaidSubOrdersAndFulfilsTheOrderWhenAllHaveShipped() {
        Map<String, Object> order = order(true);
        String nordicPart = subOrderOf(order, DemoCatalog.NORDIC_GOODS);
        String atelierPart = subOrderOf(order, DemoCatalog.ATELIER_LUMIERE);
        accept(DemoCatalog.NORDIC_GOODS, nordicPart).expectStatus().isOk();

        ship(DemoCatalog.NORDIC_GOODS, nordicPart).expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("SHIPPED")
            .jsonPath("$.carrier")
            .isEqualTo("DHL");
        assertThat(orderStatus(order)).isEqualTo("PAID");
        ship(DemoCatalog.ATELIER_LUMIERE, atelierPart).expectStatus().isOk();

        assertThat(orderStatus(order)).isEqualTo("FULFILLED");
        assertThat(count("SELECT count(*) FROM outbox WHERE type = 'suborder.shipped' AND order_id = '"
                + order.get("orderId") + "'"))
            .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM outbox WHERE type = 'suborder.accepted' AND order_id = '"
                + order.get("orderId") + "'"))
            .as("accepted by its vendor, and on the way to shipping")
            .isEqualTo(2);
        ship(DemoCatalog.ATELIER_LUMIERE, atelierPart).expectStatus().isOk();
    }

    @Test
    void refusesToCancelAPaidOrderOnceAVendorHasShippedItsPart() {
        Map<String, Object> order = order(true);
        ship(DemoCatalog.NORDIC_GOODS, subOrderOf(order, DemoCatalog.NORDIC_GOODS)).expectStatus().isOk();
        int refunds = stripe.ledger().refundCount();

        expectProblem(cancel(order), 409, "order-state-conflict");

        assertThat(orderStatus(order)).isEqualTo("PAID");
        assertThat(stripe.ledger().refundCount()).as("refunds at Stripe").isEqualTo(refunds);
        ship(DemoCatalog.ATELIER_LUMIERE, subOrderOf(order, DemoCatalog.ATELIER_LUMIERE)).expectStatus().isOk();
        assertThat(orderStatus(order)).isEqualTo("FULFILLED");
    }

    @Test
    void givesTheSubOrdersBackToTheirVendorsAsTheyWereWhenTheRefundFails() {
        Map<String, Object> order = order(true);
        String nordicPart = subOrderOf(order, DemoCatalog.NORDIC_GOODS);
        accept(DemoCatalog.NORDIC_GOODS, nordicPart).expectStatus().isOk();
        stripe.faults().failAlways(500);
        try {
            cancel(order).expectStatus().isEqualTo(503);
        }
        finally {
            stripe.faults().clear();
        }

        assertThat(orderStatus(order)).isEqualTo("PAID");
        assertThat(subOrder(DemoCatalog.NORDIC_GOODS, nordicPart)).containsEntry("status", "ACCEPTED");
        assertThat(subOrder(DemoCatalog.ATELIER_LUMIERE, subOrderOf(order, DemoCatalog.ATELIER_LUMIERE)))
            .containsEntry("status", "PENDING");
        ship(DemoCatalog.NORDIC_GOODS, nordicPart).expectStatus().isOk();
    }

    @Test
    void refusesToShipTheSubOrdersOfARefundedOrder() {
        Map<String, Object> order = order(true);
        cancel(order).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REFUNDED");

        expectProblem(ship(DemoCatalog.NORDIC_GOODS, subOrderOf(order, DemoCatalog.NORDIC_GOODS)), 409,
                "order-state-conflict");
    }

    @Test
    void refusesToShipAnUnpaidSubOrderOrAnotherVendorsOne() {
        Map<String, Object> unpaid = order(false);
        Map<String, Object> paid = order(true);

        expectProblem(ship(DemoCatalog.NORDIC_GOODS, subOrderOf(unpaid, DemoCatalog.NORDIC_GOODS)), 409,
                "order-state-conflict");
        expectProblem(ship(DemoCatalog.NORDIC_GOODS, subOrderOf(paid, DemoCatalog.ATELIER_LUMIERE)), 404, "not-found");
        expectProblem(ship(DemoCatalog.NORDIC_GOODS, UUID.randomUUID().toString()), 404, "not-found");
    }

    @Test
    void showsThePayoutHistory() {
        client.get()
            .uri("/api/v1/vendor/payouts")
            .headers(headers -> headers.setBearerAuth(vendor(DemoCatalog.BRICK_LANE_SUPPLY)))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.items")
            .isArray();
        expectProblem(client.get().uri("/api/v1/vendor/payouts").exchange(), 401, "unauthorized");
    }

    private WebTestClient.ResponseSpec accept(String vendorId, String subOrderId) {
        return client.post()
            .uri("/api/v1/vendor/orders/{id}/accept", subOrderId)
            .headers(headers -> headers.setBearerAuth(vendor(vendorId)))
            .exchange();
    }

    /** The vendor's sub-order as its list shows it. */
    private Map<String, Object> subOrder(String vendorId, String subOrderId) {
        return items(get(vendorId, "/api/v1/vendor/orders?limit=100")).stream()
            .filter(item -> subOrderId.equals(item.get("id")))
            .findFirst()
            .orElseThrow();
    }

    private WebTestClient.ResponseSpec ship(String vendorId, String subOrderId) {
        return client.post()
            .uri("/api/v1/vendor/orders/{id}/ship", subOrderId)
            .headers(headers -> headers.setBearerAuth(vendor(vendorId)))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("carrier", "DHL", "trackingNumber", "JJD000390007"))
            .exchange();
    }

    private WebTestClient.ResponseSpec cancel(Map<String, Object> order) {
        return client.post()
            .uri("/api/v1/orders/{id}/cancel", order.get("orderId"))
            .header("X-Order-Token", (String) order.get("orderToken"))
            .exchange();
    }

    private Map<String, Object> get(String vendorId, String uri) {
        return client.get()
            .uri(uri)
            .headers(headers -> headers.setBearerAuth(vendor(vendorId)))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private Map<String, Object> order(boolean paid) {
        Storefront storefront = new Storefront(client, database);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 12), 1).expectStatus().isOk();
        storefront.addLine(cart, storefront.sku(DemoCatalog.ATELIER_LUMIERE, "EUR", 12), 1).expectStatus().isOk();
        Map<String, Object> order = storefront.checkout(cart, "vendor-orders-" + UUID.randomUUID())
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
        if (paid) {
            storefront.confirm(order, "pm_card_visa").expectStatus().isOk();
        }
        return order;
    }

    @SuppressWarnings("unchecked")
    private static String subOrderOf(Map<String, Object> order, String vendorId) {
        return ((List<Map<String, Object>>) order.get("subOrders")).stream()
            .filter(subOrder -> vendorId.equals(subOrder.get("vendorId")))
            .map(subOrder -> (String) subOrder.get("id"))
            .findFirst()
            .orElseThrow();
    }

    private String orderStatus(Map<String, Object> order) {
        return database.sql("SELECT status FROM orders WHERE id = :id")
            .bind("id", UUID.fromString((String) order.get("orderId")))
            .map(row -> row.get(0, String.class))
            .one()
            .block();
    }

    private String subOrderVendor(String subOrderId) {
        return database.sql("SELECT vendor_id FROM sub_orders WHERE id = :id")
            .bind("id", UUID.fromString(subOrderId))
            .map(row -> row.get(0, UUID.class).toString())
            .one()
            .block();
    }

    private long count(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    private String vendor(String vendorId) {
        return DemoTokensClient.token(client,
                Map.of("role", "vendor", "subject", DemoCatalog.ownerOf(vendorId), "vendorId", vendorId));
    }

}
