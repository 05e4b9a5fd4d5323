package dev.surge.api.backoffice;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.surge.api.backoffice.VendorOnboardingIT.items;
import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customers list their own orders, newest first; operators search orders by id, email,
 * vendor, status and date, and open one with its status history and events.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@SuppressWarnings("unchecked")
class OrderLookupIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Test
    void aCustomerListsTheirOwnOrdersNewestFirstPageByPage() {
        var office = new BackOffice(client);
        var storefront = new Storefront(client, database);
        String carla = office.customer("carla");
        String first = customerOrder(carla, storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR"));
        String second = customerOrder(carla, storefront.mostStocked(DemoCatalog.ATELIER_LUMIERE, "EUR"));
        customerOrder(office.customer("dora"), storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR"));

        Map<String, Object> page = office.json(HttpMethod.GET, "/api/v1/orders?limit=1", carla, null, 200);
        assertThat(items(page)).extracting(order -> order.get("orderId")).containsExactly(second);
        Map<String, Object> next = office.json(HttpMethod.GET,
                "/api/v1/orders?limit=1&cursor=" + page.get("nextCursor"), carla, null, 200);
        assertThat(items(next)).extracting(order -> order.get("orderId")).containsExactly(first);
        assertThat(items(office.json(HttpMethod.GET, "/api/v1/orders", carla, null, 200))).hasSize(2);

        expectProblem(client.get().uri("/api/v1/orders").exchange(), 401, "unauthorized");
        expectProblem(
                client.get().uri("/api/v1/orders?cursor=nonsense").headers(h -> h.setBearerAuth(carla)).exchange(), 400,
                "invalid-cursor");
    }

    @Test
    void anOperatorFindsOrdersAndOpensOneWithItsHistory() {
        var office = new BackOffice(client);
        var storefront = new Storefront(client, database);
        Instant before = Instant.now().minusSeconds(1);
        Map<String, Object> paid = storefront.paidOrder(DemoCatalog.BRICK_LANE_SUPPLY, DemoCatalog.NORDIC_GOODS);
        String orderId = (String) paid.get("orderId");
        String operator = office.operator();

        assertThat(items(office.json(HttpMethod.GET, "/api/v1/admin/orders?q=" + orderId, operator, null, 200)))
            .extracting(order -> order.get("orderId"))
            .containsExactly(orderId);
        assertThat(
                items(office.json(HttpMethod.GET,
                        "/api/v1/admin/orders?vendorId=" + DemoCatalog.BRICK_LANE_SUPPLY + "&status=PAID&from="
                                + before,
                        operator, null, 200)))
            .extracting(order -> order.get("orderId"))
            .containsExactly(orderId);
        assertThat(items(
                office.json(HttpMethod.GET, "/api/v1/admin/orders?q=ADA@example.com&limit=100", operator, null, 200)))
            .extracting(order -> order.get("orderId"))
            .contains(orderId);
        assertThat(items(office.json(HttpMethod.GET, "/api/v1/admin/orders?to=" + before, operator, null, 200)))
            .extracting(order -> order.get("orderId"))
            .doesNotContain(orderId);

        Map<String, Object> detail = office.json(HttpMethod.GET, "/api/v1/admin/orders/" + orderId, operator, null,
                200);
        assertThat((Map<String, Object>) detail.get("order")).containsEntry("status", "PAID");
        assertThat(list(detail, "statusHistory")).extracting(change -> change.get("status"))
            .containsExactly("PENDING_PAYMENT", "PAID");
        assertThat(list(detail, "events")).extracting(event -> event.get("type"))
            .contains("order.status", "suborder.created", "suborder.paid");

        expectProblem(office.call(HttpMethod.GET, "/api/v1/admin/orders/" + UUID.randomUUID(), operator, null), 404,
                "order-not-found");
        expectProblem(office.call(HttpMethod.GET, "/api/v1/admin/orders?status=LOST", operator, null), 400,
                "validation-failed");
        expectProblem(office.call(HttpMethod.GET, "/api/v1/admin/orders?from=yesterday", operator, null), 400,
                "validation-failed")
            .jsonPath("$.errors[0].field")
            .isEqualTo("from");
        expectProblem(office.call(HttpMethod.GET, "/api/v1/admin/orders", office.customer("carla"), null), 403,
                "forbidden");
    }

    /** A customer's order of one unit of {@code sku}, placed with their token: its id. */
    private String customerOrder(String token, String sku) {
        Map<String, Object> cart = client.post()
            .uri("/api/v1/carts")
            .headers(h -> h.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("currency", "EUR", "country", "DE"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
        client.post()
            .uri("/api/v1/carts/{id}/lines", cart.get("id"))
            .headers(h -> h.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("sku", sku, "quantity", 1))
            .exchange()
            .expectStatus()
            .isOk();
        return (String) client.post()
            .uri("/api/v1/checkouts")
            .headers(h -> h.setBearerAuth(token))
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("cartId", cart.get("id"), "email", "carla@example.com", "shippingAddress",
                    Map.of("name", "Carla", "line1", "1 Main Street", "city", "Berlin", "country", "DE")))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody()
            .get("orderId");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> answer, String field) {
        return (List<Map<String, Object>>) answer.get(field);
    }

}
