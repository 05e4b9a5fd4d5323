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
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
        String editor = DemoTokensClient.token(client,
                Map.of("role", "vendor", "subject", DemoCatalog.ownerOf(vendorId), "vendorId", vendorId));
        return client.put()
            .uri("/api/v1/vendor/skus/{sku}/limits", sku)
            .headers(headers -> headers.setBearerAuth(editor))
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
        int before = storefront.available(sku);

        expectProblem(checkout(3, email), 409, "purchase-limit").jsonPath("$.lines[0].sku")
            .isEqualTo(sku)
            .jsonPath("$.lines[0].requested")
            .isEqualTo(3)
            .jsonPath("$.lines[0].allowed")
            .isEqualTo(2);
        assertThat(storefront.available(sku)).isEqualTo(before);

        checkout(1, email).expectStatus().isCreated();
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

        Map<Integer, Long> statuses = Flux.fromIterable(carts)
            .flatMap(cart -> Mono
                .fromCallable(() -> storefront.checkout(cart, UUID.randomUUID().toString(), email)
                    .returnResult(Void.class)
                    .getStatus()
                    .value())
                .subscribeOn(Schedulers.boundedElastic()), 50)
            .collect(Collectors.groupingBy(status -> status, HashMap::new, Collectors.counting()))
            .block(Duration.ofMinutes(1));

        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 2L, 409, 48L));
        assertThat(storefront.available(sku)).isEqualTo(before - 2);
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
