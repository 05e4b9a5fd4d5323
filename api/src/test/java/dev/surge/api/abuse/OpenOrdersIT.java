package dev.surge.api.abuse;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * One buyer's orders waiting for payment are bounded (3 here, the default), over HTTP: a
 * fourth checkout answers 409 too-many-open-orders with nothing reserved; paying or
 * cancelling one makes room at once; a guest is one buyer per e-mail address
 * (normalised); 50 checkouts of one buyer at once place exactly 3.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(properties = "surge.checkout.open-orders-per-buyer=3")
class OpenOrdersIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    private Storefront storefront;

    private String sku;

    @BeforeEach
    void storefront() {
        storefront = new Storefront(client, database);
        sku = storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR");
    }

    private WebTestClient.ResponseSpec checkout(String email) {
        return storefront.checkout(storefront.guestCartWith(sku, 1), UUID.randomUUID().toString(), email);
    }

    private Map<String, Object> placed(String email) {
        return checkout(email).expectStatus().isCreated().expectBody(Storefront.JSON).returnResult().getResponseBody();
    }

    @Test
    void aFourthUnpaidOrderIsRefusedUntilTheBuyerPaysOrCancelsOne() {
        String email = "hoarder-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> toPay = placed(email);
        Map<String, Object> toCancel = placed(email);
        placed(email);
        int before = storefront.available(sku);

        expectProblem(checkout(email), 409, "too-many-open-orders").jsonPath("$.allowed").isEqualTo(3);
        // The same address written another way is the same buyer; another one is not.
        expectProblem(checkout(email.replace("@", "+again@").toUpperCase()), 409, "too-many-open-orders");
        assertThat(storefront.available(sku)).as("nothing reserved").isEqualTo(before);
        placed("someone-else-" + UUID.randomUUID() + "@example.com");

        client.post()
            .uri("/api/v1/orders/{id}/cancel", toCancel.get("orderId"))
            .header("X-Order-Token", (String) toCancel.get("orderToken"))
            .exchange()
            .expectStatus()
            .isOk();
        placed(email);
        expectProblem(checkout(email), 409, "too-many-open-orders");

        storefront.confirm(toPay, "pm_card_visa").expectStatus().isOk();
        // Paid: its hold is sold, once the payment has settled.
        await().atMost(Duration.ofSeconds(15))
            .until(() -> checkout(email).returnResult(Void.class).getStatus().value() == 201);
        expectProblem(checkout(email), 409, "too-many-open-orders");
    }

    @Test
    void fiftyCheckoutsOfOneBuyerAtOncePlaceExactlyThree() {
        String email = "bot-" + UUID.randomUUID() + "@example.com";
        List<Map<String, Object>> carts = Flux.range(0, 50)
            .map(i -> storefront.guestCartWith(sku, 1))
            .collectList()
            .block();
        int before = storefront.available(sku);

        Map<Integer, Long> statuses = storefront.checkoutsAtOnce(carts, email);

        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 3L, 409, 47L));
        assertThat(storefront.available(sku)).isEqualTo(before - 3);
    }

}
