package dev.surge.api.abuse;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * A vendor limits how many units of a SKU one buyer may have (a flash sale's "2 per
 * customer"), over HTTP: a guest is one buyer per e-mail address (normalised), and 50
 * checkouts of one buyer at once, each from a cart of its own, place exactly the limit;
 * every other one answers 409 purchase-limit with nothing reserved.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class PurchaseLimitsIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    private Storefront storefront;

    private String sku;

    @BeforeEach
    void limitedSku() {
        storefront = new Storefront(client, database);
        sku = storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR");
        setLimit(DemoCatalog.NORDIC_GOODS, sku, Map.of("perBuyer", 2)).expectStatus()
            .isOk()
            .expectBody()
            .json("{\"sku\":\"" + sku + "\",\"perBuyer\":2,\"windowHours\":24}");
    }

    private WebTestClient.ResponseSpec setLimit(String vendorId, String sku, Map<String, Object> body) {
        return setLimitAs(
                DemoTokensClient.token(client,
                        Map.of("role", "vendor", "subject", DemoCatalog.ownerOf(vendorId), "vendorId", vendorId)),
                sku, body);
    }

    private WebTestClient.ResponseSpec setLimitAs(String token, String sku, Map<String, Object> body) {
        return client.put()
            .uri("/api/v1/vendor/skus/{sku}/limits", sku)
            .headers(headers -> headers.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange();
    }

    private WebTestClient.ResponseSpec checkout(int quantity, String email) {
        return storefront.checkout(storefront.guestCartWith(sku, quantity), UUID.randomUUID().toString(), email);
    }

    @Test
    void aBuyerPastTheLimitIsRefusedWithWhatIsStillAllowedAndNothingReserved() {
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        checkout(1, email).expectStatus().isCreated();
        int before = storefront.available(sku);

        expectProblem(checkout(2, email), 409, "purchase-limit").jsonPath("$.lines[0].sku")
            .isEqualTo(sku)
            .jsonPath("$.lines[0].requested")
            .isEqualTo(2)
            .jsonPath("$.lines[0].allowed")
            .isEqualTo(1);
        assertThat(storefront.available(sku)).isEqualTo(before);

        // The same address written another way is the same buyer.
        expectProblem(checkout(2, email.replace("@", "+flash@").toUpperCase()), 409, "purchase-limit")
            .jsonPath("$.lines[0].allowed")
            .isEqualTo(1);
        checkout(2, "someone-else-" + UUID.randomUUID() + "@example.com").expectStatus().isCreated();
    }

    @Test
    void fiftyCheckoutsOfOneBuyerAtOncePlaceExactlyTheLimit() {
        String email = "bot-" + UUID.randomUUID() + "@example.com";
        List<Map<String, Object>> carts = Flux.range(0, 50)
            .map(i -> storefront.guestCartWith(sku, 1))
            .collectList()
            .block();
        int before = storefront.available(sku);

        Map<Integer, Long> statuses = storefront.checkoutsAtOnce(carts, email);

        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 2L, 409, 48L));
        assertThat(storefront.available(sku)).isEqualTo(before - 2);
    }

    @Test
    void aCartLineGrowsNoFurtherThanTheLimitButMayShrink() {
        Map<String, Object> cart = storefront.guestCartWith(sku, 2);

        expectProblem(storefront.addLine(cart, sku, 1), 409, "purchase-limit").jsonPath("$.lines[0].sku")
            .isEqualTo(sku)
            .jsonPath("$.lines[0].requested")
            .isEqualTo(3)
            .jsonPath("$.lines[0].allowed")
            .isEqualTo(2);
        expectProblem(storefront.addLine(storefront.guestCart("EUR", "DE"), sku, 3), 409, "purchase-limit");

        // A limit lowered after the line was filled: the line may shrink, not grow.
        setLimit(DemoCatalog.NORDIC_GOODS, sku, Map.of("perBuyer", 1)).expectStatus().isOk();
        setQuantity(cart, 2).expectStatus().isOk();
        setQuantity(cart, 1).expectStatus().isOk();
        expectProblem(setQuantity(cart, 2), 409, "purchase-limit").jsonPath("$.lines[0].allowed").isEqualTo(1);
        storefront.show(cart).expectStatus().isOk().expectBody().jsonPath("$.lines[0].quantity").isEqualTo(1);
    }

    private WebTestClient.ResponseSpec setQuantity(Map<String, Object> cart, int quantity) {
        return storefront.setQuantity(cart, sku, quantity);
    }

    @Test
    void anOperatorSetsTheLimitOfAnyVendorsSkuACustomerCannot() {
        String operator = DemoTokensClient.token(client, Map.of("role", "operator", "subject", "ops"));
        setLimitAs(operator, sku, Map.of("perBuyer", 1)).expectStatus()
            .isOk()
            .expectBody()
            .json("{\"sku\":\"" + sku + "\",\"perBuyer\":1,\"windowHours\":24}");
        expectProblem(storefront.addLine(storefront.guestCart("EUR", "DE"), sku, 2), 409, "purchase-limit")
            .jsonPath("$.lines[0].allowed")
            .isEqualTo(1);
        setLimitAs(operator, "NO-SUCH-SKU", Map.of("perBuyer", 1)).expectStatus().isNotFound();

        String customer = DemoTokensClient.token(client, Map.of("role", "customer", "subject", "mallory"));
        setLimitAs(customer, sku, Map.of("perBuyer", 5)).expectStatus().isForbidden();
    }

    @Test
    void onlyTheSkusVendorSetsItsLimitAndRemovingItLiftsIt() {
        setLimit(DemoCatalog.ATELIER_LUMIERE, sku, Map.of("perBuyer", 1)).expectStatus().isNotFound();
        expectProblem(setLimit(DemoCatalog.NORDIC_GOODS, sku, Map.of("perBuyer", 0)), 400, "validation-failed");

        Map<String, Object> none = new HashMap<>();
        none.put("perBuyer", null);
        setLimit(DemoCatalog.NORDIC_GOODS, sku, none).expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.perBuyer")
            .isEqualTo(null);
        checkout(3, "free-" + UUID.randomUUID() + "@example.com").expectStatus().isCreated();
    }

}
