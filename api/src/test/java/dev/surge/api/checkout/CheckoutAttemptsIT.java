package dev.surge.api.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.api.support.DelayingLink;
import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.port.CheckoutRequests;
import dev.surge.checkout.port.CheckoutRequests.Attempt;
import dev.surge.checkout.port.CheckoutRequests.Claim;
import dev.surge.checkout.port.CheckoutRequests.Release;
import dev.surge.payments.stub.StripeStub;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

/**
 * A checkout's attempts under one Idempotency-Key (issue #15, items 4 and 5): an attempt
 * that outlives its lease is taken over by the retry, and the key fences them, so the
 * stalled attempt can neither store its order nor undo the retry's; and an order whose
 * write committed while its answer was lost is the checkout's answer, never undone.
 */
@SurgeIntegrationTest(postgresLink = true)
@ActiveProfiles("demo")
@TestPropertySource(properties = "surge.checkout.idempotency-lease=1s")
class CheckoutAttemptsIT {

    private static final Duration LEASE = Duration.ofSeconds(1);

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    StripeStub stripe;

    @Autowired
    DelayingLink postgresLink;

    @Autowired
    CheckoutRequests requests;

    Storefront storefront;

    @BeforeEach
    void storefront() {
        storefront = new Storefront(client, database);
        stripe.faults().clear();
    }

    @Test
    void aRetryTakesOverAStalledAttemptWhichThenGivesBackOnlyWhatIsItsOwn() throws Exception {
        String sku = storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 3);
        int available = storefront.available(sku);
        int onHand = storefront.onHand(sku);
        Map<String, Object> cart = storefront.guestCartWith(sku, 2);
        String key = "stalled-" + UUID.randomUUID();
        int livePayments = stripe.ledger().livePaymentIntentCount();

        // The first attempt's payment is created; its answer comes back after the lease.
        stripe.faults().delayNext(1, LEASE.multipliedBy(5).dividedBy(2));
        CompletableFuture<EntityExchangeResult<Map<String, Object>>> stalled;
        try (var thread = Executors.newVirtualThreadPerTaskExecutor()) {
            stalled = CompletableFuture
                .supplyAsync(() -> storefront.checkout(cart, key).expectBody(Storefront.JSON).returnResult(), thread);
            await().pollDelay(LEASE.plusMillis(300)).atMost(LEASE.multipliedBy(2)).until(() -> true);

            Map<String, Object> retried = storefront.checkout(cart, key)
                .expectStatus()
                .isCreated()
                .expectBody(Storefront.JSON)
                .returnResult()
                .getResponseBody();

            // The stalled attempt could not store its order: it answers as a retry is
            // answered, with the order the retry stored and the token that opens it.
            EntityExchangeResult<Map<String, Object>> late = stalled.get(10, TimeUnit.SECONDS);
            assertThat(late.getStatus().value()).isEqualTo(201);
            assertThat(late.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
            assertThat(late.getResponseBody()).containsEntry("orderId", retried.get("orderId"))
                .containsEntry("orderToken", retried.get("orderToken"));
            client.get()
                .uri("/api/v1/orders/{id}", retried.get("orderId"))
                .header("X-Order-Token", (String) retried.get("orderToken"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PENDING_PAYMENT");

            // One hold and one live payment: the stalled attempt's went back.
            await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(storefront.available(sku)).isEqualTo(available - 2));
            await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(stripe.ledger().livePaymentIntentCount()).isEqualTo(livePayments + 1));

            storefront.confirm(retried, "pm_card_visa")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PAID");
            assertThat(storefront.onHand(sku)).isEqualTo(onHand - 2);
            assertThat(storefront.available(sku)).isEqualTo(available - 2);
        }
    }

    @Test
    void anOrderWhoseWriteCommittedWhileItsAnswerWasLostIsTheAnswerAndKeepsItsStockAndPayment() {
        String sku = storefront.sku(DemoCatalog.ATELIER_LUMIERE, "EUR", 3);
        int available = storefront.available(sku);
        Map<String, Object> cart = storefront.guestCartWith(sku, 1);
        String key = "lost-answer-" + UUID.randomUUID();
        // The order's write is the only statement that carries the email.
        String email = "lost-" + UUID.randomUUID() + "@example.com";
        postgresLink.loseTheAnswerTo(email);

        Map<String, Object> order = storefront.checkout(cart, key, email)
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
        assertThat(postgresLink.answersLost()).isEqualTo(1);

        // The same key reaches the same order.
        storefront.checkout(cart, key, email)
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueEquals("Idempotent-Replayed", "true")
            .expectBody()
            .jsonPath("$.orderId")
            .isEqualTo(order.get("orderId"));
        assertThat(storefront.available(sku)).isEqualTo(available - 1);
        @SuppressWarnings("unchecked")
        String payment = (String) ((Map<String, Object>) order.get("payment")).get("paymentIntentId");
        assertThat(stripe.ledger().statusOf(payment)).isNotEqualTo("canceled");
        storefront.confirm(order, "pm_card_visa")
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("PAID");
    }

    @Test
    void anAttemptTakenOverCanNoLongerGiveTheKeyUpAndTheNextStartsAfresh() {
        String key = "fenced-" + UUID.randomUUID();
        OrderId proposed = new OrderId(UUID.randomUUID());
        Duration instant = Duration.ofMillis(1);

        Attempt first = fresh(requests.claim(key, "fingerprint", proposed, "token-1", instant));
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.orderId()).isEqualTo(proposed);
        await().pollDelay(Duration.ofMillis(20)).until(() -> true);
        Attempt second = fresh(requests.claim(key, "fingerprint", new OrderId(UUID.randomUUID()), "token-2", LEASE));
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.firstOrderId()).isEqualTo(proposed);
        assertThat(second.orderId()).isNotEqualTo(first.orderId());
        assertThat(second.earlierHolds()).containsExactly(first.hold());

        StepVerifier.create(requests.release(first)).expectNext(new Release.Superseded()).verifyComplete();
        StepVerifier.create(requests.claim(key, "fingerprint", new OrderId(UUID.randomUUID()), "token-3", LEASE))
            .expectNext(new Claim.InFlight())
            .verifyComplete();
        StepVerifier.create(requests.release(second)).expectNext(new Release.Released()).verifyComplete();

        OrderId next = new OrderId(UUID.randomUUID());
        Attempt afresh = fresh(requests.claim(key, "fingerprint", next, "token-4", LEASE));
        assertThat(afresh.number()).isEqualTo(1);
        assertThat(afresh.orderId()).isEqualTo(next);
    }

    private static Attempt fresh(reactor.core.publisher.Mono<Claim> claim) {
        Claim claimed = claim.block(Duration.ofSeconds(5));
        assertThat(claimed).isInstanceOf(Claim.Fresh.class);
        return ((Claim.Fresh) claimed).attempt();
    }

}
