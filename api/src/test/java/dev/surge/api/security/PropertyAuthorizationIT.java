package dev.surge.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Property-level authorization: what the server computes (prices, totals, commissions,
 * statuses, payment, the vendor a product belongs to) never comes from the client. Write
 * payloads carrying extra {@code price}, {@code vendorId}, {@code status},
 * {@code commission} and {@code paid} fields change none of it.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class PropertyAuthorizationIT {

    private static final Map<String, Object> FORGED = Map.of("price", Map.of("amount", 1, "currency", "EUR"),
            "unitPrice", Map.of("amount", 1, "currency", "EUR"), "vendorId", DemoCatalog.ATELIER_LUMIERE, "status",
            "PAID", "commission", Map.of("amount", 0, "currency", "EUR"), "paid", true, "totals",
            Map.of("total", Map.of("amount", 1, "currency", "EUR")));

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    private static Map<String, Object> with(Map<String, Object> body) {
        Map<String, Object> forged = new HashMap<>(FORGED);
        forged.putAll(body);
        return forged;
    }

    @Test
    void cartsOrdersAndPaymentsIgnoreWhatTheClientClaimsToCompute() {
        Storefront storefront = new Storefront(client, database);
        String sku = storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR");
        Map<String, Object> honest = storefront.guestCartWith(sku, 2);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        Map<String, Object> priced = client.post()
            .uri("/api/v1/carts/{id}/lines", cart.get("id"))
            .header("X-Cart-Token", (String) cart.get("token"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(with(Map.of("sku", sku, "quantity", 2)))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
        Map<String, Object> honestCart = client.get()
            .uri("/api/v1/carts/{id}", honest.get("id"))
            .header("X-Cart-Token", (String) honest.get("token"))
            .exchange()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
        assertThat(priced.get("lines")).isEqualTo(honestCart.get("lines"));
        assertThat(priced.get("totals")).isEqualTo(honestCart.get("totals"));

        Map<String, Object> order = client.post()
            .uri("/api/v1/checkouts")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .header("X-Cart-Token", (String) cart.get("token"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(with(Map.of("cartId", cart.get("id"), "email", "ada@example.com", "shippingAddress",
                    Map.of("name", "Ada", "line1", "1 Main Street", "city", "Berlin", "country", "DE"))))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
        assertThat(order).containsEntry("status", "PENDING_PAYMENT").containsEntry("totals", honestCart.get("totals"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> subOrders = (List<Map<String, Object>>) order.get("subOrders");
        assertThat(subOrders).singleElement().satisfies(subOrder -> {
            assertThat(subOrder).containsEntry("vendorId", DemoCatalog.NORDIC_GOODS);
            assertThat(((Map<?, ?>) subOrder.get("commission")).get("amount")).isNotEqualTo(0);
        });

        // A declined card stays declined whatever the body says about payment.
        client.post()
            .uri("/api/v1/orders/{id}/payment/confirm", order.get("orderId"))
            .header("X-Order-Token", (String) order.get("orderToken"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(with(Map.of("paymentMethod", "pm_card_chargeDeclined")))
            .exchange()
            .expectStatus()
            .isEqualTo(402);
        client.get()
            .uri("/api/v1/orders/{id}", order.get("orderId"))
            .header("X-Order-Token", (String) order.get("orderToken"))
            .exchange()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void aVendorsProductIsItsOwnAndAwaitsModerationWhateverTheBodySays() {
        String editor = DemoTokensClient.token(client,
                Map.of("role", "vendor", "subject", DemoCatalog.NORDIC_EDITOR, "vendorId", DemoCatalog.NORDIC_GOODS));
        String sku = "PROP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        client.post()
            .uri("/api/v1/vendor/products")
            .headers(headers -> headers.setBearerAuth(editor))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(with(Map.of("name", "Forged Mug", "category", "kitchen", "variants",
                    List.of(Map.of("sku", sku, "name", "Forged Mug", "onHand", 3, "status", "APPROVED", "prices",
                            List.of(Map.of("amount", 1200, "currency", "EUR")))))))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$.vendorId")
            .isEqualTo(DemoCatalog.NORDIC_GOODS)
            .jsonPath("$.status")
            .isEqualTo("PENDING_APPROVAL");
    }

}
