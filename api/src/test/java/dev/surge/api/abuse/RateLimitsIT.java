package dev.surge.api.abuse;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.payments.stub.StripeStub;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Rate limits and the payment attempt cap over HTTP, on real Redis. The test's client
 * calls through the loopback address, configured as a trusted proxy here, and says which
 * client it stands for in {@code X-Forwarded-For}: each test's clients have addresses of
 * their own. The rates are tiny (a burst of 3 to 5, then one an hour) so a burst's end is
 * unmistakable; the attempt cap's window is 15 s: longer than 500 confirmations take
 * here, short enough to wait out.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(properties = { "surge.limits.unthrottled=", "surge.http.trusted-proxies=127.0.0.0/8,::1/128",
        "surge.limits.cart-writes.requests=1", "surge.limits.cart-writes.per=1h", "surge.limits.cart-writes.burst=5",
        "surge.limits.checkouts.requests=1", "surge.limits.checkouts.per=1h", "surge.limits.checkouts.burst=3",
        "surge.limits.payment-confirms.requests=1", "surge.limits.payment-confirms.per=1h",
        "surge.limits.payment-confirms.burst=3", "surge.limits.stream-opens.requests=1",
        "surge.limits.stream-opens.per=1h", "surge.limits.stream-opens.burst=3", "surge.limits.payment-attempts.cap=5",
        "surge.limits.payment-attempts.window=15s" })
class RateLimitsIT {

    private static final String DECLINED = "pm_card_chargeDeclined";

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    StripeStub stripe;

    @LocalServerPort
    int port;

    private String sku;

    @BeforeEach
    void stockedSku() {
        sku = new Storefront(client, database).mostStocked(DemoCatalog.NORDIC_GOODS, "EUR");
    }

    /** A client at an address no other test uses, seen through the trusted proxy. */
    private WebTestClient from(String address) {
        return client.mutate().defaultHeader("X-Forwarded-For", address).build();
    }

    private static String anyAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static WebTestClient.ResponseSpec expectRateLimited(WebTestClient.ResponseSpec response, String limit) {
        expectProblem(response, 429, "rate-limited").jsonPath("$.limit").isEqualTo(limit);
        return response;
    }

    private static long retryAfter(WebTestClient.ResponseSpec response) {
        String header = response.returnResult(Void.class).getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        assertThat(header).as("Retry-After").isNotNull().matches("[1-9][0-9]*");
        return Long.parseLong(header);
    }

    @Test
    void aGuestsCartWritesPastTheBurstAnswer429WithRetryAfterWhileOtherClientsGoOn() {
        String guest = anyAddress();
        Storefront storefront = new Storefront(from(guest), database);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        for (int write = 2; write <= 5; write++) {
            storefront.addLine(cart, sku, 1).expectStatus().isOk();
        }

        WebTestClient.ResponseSpec refused = expectRateLimited(storefront.addLine(cart, sku, 1), "cart-writes");
        // One write an hour once the burst is spent: the next is due in about an hour.
        assertThat(retryAfter(refused)).isBetween(3_000L, 3_600L);

        // Reads are not limited; another client's writes are counted on their own.
        from(guest).get()
            .uri("/api/v1/carts/{id}", cart.get("id"))
            .header("X-Cart-Token", (String) cart.get("token"))
            .exchange()
            .expectStatus()
            .isOk();
        assertThat(anywhere().createGuestCart("EUR", "DE").getStatus().value()).isEqualTo(201);
    }

    @Test
    void theClientIsTheRightmostAddressNoTrustedProxyWroteWhateverItClaimsFurtherLeft() {
        String guest = anyAddress();
        for (int write = 1; write <= 5; write++) {
            String forged = anyAddress() + ", " + guest;
            assertThat(new Storefront(from(forged), database).createGuestCart("EUR", "DE").getStatus().value())
                .as("write %d, claiming to come from %s", write, forged)
                .isEqualTo(201);
        }
        expectRateLimited(from(anyAddress() + ", " + guest).post()
            .uri("/api/v1/carts")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("currency", "EUR", "country", "DE"))
            .exchange(), "cart-writes");
    }

    @Test
    void anEncodedPathIsCountedAsTheRouteItReaches() {
        String guest = anyAddress();
        for (int write = 1; write <= 5; write++) {
            assertThat(new Storefront(from(guest), database).createGuestCart("EUR", "DE").getStatus().value())
                .isEqualTo(201);
        }
        // /api/v1/%63arts is routed to /api/v1/carts: it is limited as that route.
        expectRateLimited(from(guest).post()
            .uri(URI.create("http://127.0.0.1:" + port + "/api/v1/%63arts"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("currency", "EUR", "country", "DE"))
            .exchange(), "cart-writes");
    }

    @Test
    void anIpv6GuestIsCountedByItsSlash64() {
        String network = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff));
        for (int host = 1; host <= 5; host++) {
            assertThat(new Storefront(from(network + "::" + host), database).createGuestCart("EUR", "DE")
                .getStatus()
                .value()).isEqualTo(201);
        }
        assertThat(new Storefront(from(network + "::beef"), database).createGuestCart("EUR", "DE").getStatus().value())
            .as("another address of the same /64")
            .isEqualTo(429);
        assertThat(new Storefront(from(network.replaceFirst(":[0-9a-f]+$", ":1") + "::1"), database)
            .createGuestCart("EUR", "DE")
            .getStatus()
            .value()).as("another /64").isEqualTo(201);
    }

    @Test
    void aSignedInCustomerIsCountedByTheirSubjectWhereverTheyCallFrom() {
        String token = DemoTokensClient.token(client,
                Map.of("role", "customer", "subject", "rate-limited-" + UUID.randomUUID()));
        Function<String, WebTestClient.ResponseSpec> checkoutFrom = address -> from(address).post()
            .uri("/api/v1/checkouts")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("cartId", UUID.randomUUID(), "email", "ada@example.com"))
            .exchange();
        for (int attempt = 1; attempt <= 3; attempt++) {
            // Refused for what it says (no such cart), but counted all the same.
            assertThat(checkoutFrom.apply(anyAddress()).returnResult(Void.class).getStatus().value()).isNotEqualTo(429);
        }
        expectRateLimited(checkoutFrom.apply(anyAddress()), "checkouts");
    }

    @Test
    void streamOpensPastTheBurstAnswer429() {
        String guest = anyAddress();
        for (int open = 1; open <= 3; open++) {
            from(guest).get()
                .uri("/api/v1/orders/{id}/events", UUID.randomUUID())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isNotFound();
        }
        expectRateLimited(from(guest).get()
            .uri("/api/v1/orders/{id}/events", UUID.randomUUID())
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange(), "stream-opens");
    }

    @Test
    void aCallersConfirmationsAreRateLimitedWithoutUsingUpTheOrdersAttempts() {
        Map<String, Object> order = anywhere().placed(anywhere().guestCartWith(sku, 1));
        Storefront shopper = anywhere();
        for (int attempt = 1; attempt <= 3; attempt++) {
            shopper.confirm(order, DECLINED).expectStatus().isEqualTo(402);
        }
        expectRateLimited(shopper.confirm(order, DECLINED), "payment-confirms");

        // The refused confirmation counted nothing against the order: two of its five are
        // left.
        Storefront elsewhere = anywhere();
        elsewhere.confirm(order, DECLINED).expectStatus().isEqualTo(402);
        elsewhere.confirm(order, DECLINED).expectStatus().isEqualTo(402);
        expectProblem(elsewhere.confirm(order, DECLINED), 429, "too-many-payment-attempts");
        assertThat(confirmationsSeenByStripe(order)).isEqualTo(5);
    }

    @Test
    void fiveHundredConfirmationsOfOneOrderFromEverywhereReachStripeFiveTimesAndTheCapReachedAgainCancelsIt()
            throws InterruptedException {
        Storefront storefront = anywhere();
        int availableBefore = storefront.available(sku);
        Map<String, Object> order = storefront.placed(storefront.guestCartWith(sku, 2));
        assertThat(storefront.available(sku)).isEqualTo(availableBefore - 2);

        // A card tester with the order's token, from 500 addresses, 32 at once.
        long started = System.nanoTime();
        Map<Integer, List<EntityExchangeResult<String>>> byStatus = Flux.range(0, 500)
            .flatMap(attempt -> Mono
                .fromCallable(() -> anywhere().confirm(order, DECLINED).expectBody(String.class).returnResult())
                .subscribeOn(Schedulers.boundedElastic()), 32)
            .collect(Collectors.groupingBy(result -> result.getStatus().value()))
            .block(Duration.ofMinutes(2));
        long windowEnds = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as("the attempts must all fall into one window for this test to mean anything")
            .isLessThan(Duration.ofSeconds(12));
        assertThat(byStatus.keySet())
            .as(byStatus.getOrDefault(409, List.of())
                .stream()
                .map(EntityExchangeResult::getResponseBody)
                .toList()
                .toString())
            .containsExactlyInAnyOrder(402, 429);
        assertThat(byStatus.get(402)).hasSize(5);
        assertThat(byStatus.get(429)).hasSize(495).allSatisfy(refused -> {
            assertThat(refused.getResponseBody()).contains("/problems/too-many-payment-attempts")
                .contains("\"orderStatus\":\"PENDING_PAYMENT\"");
            assertThat(Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L,
                    15L);
        });
        assertThat(confirmationsSeenByStripe(order)).isEqualTo(5);

        // After the wait, five more attempts; the one past them cancels the order.
        Thread.sleep(Math.max(0, Duration.ofNanos(windowEnds - System.nanoTime()).toMillis()) + 100);
        for (int attempt = 1; attempt <= 5; attempt++) {
            anywhere().confirm(order, DECLINED).expectStatus().isEqualTo(402);
        }
        expectProblem(anywhere().confirm(order, DECLINED), 429, "too-many-payment-attempts").jsonPath("$.orderStatus")
            .isEqualTo("CANCELLED");
        assertThat(confirmationsSeenByStripe(order)).isEqualTo(10);
        assertThat(storefront.available(sku)).as("the order's stock is back").isEqualTo(availableBefore);
        expectProblem(anywhere().confirm(order, "pm_card_visa"), 409, "order-state-conflict");
    }

    /** A storefront at a fresh address: its caller's rate never gets in the way. */
    private Storefront anywhere() {
        return new Storefront(from(anyAddress()), database);
    }

    private int confirmationsSeenByStripe(Map<String, Object> order) {
        String paymentIntent = (String) ((Map<?, ?>) order.get("payment")).get("paymentIntentId");
        return stripe.ledger().requestCount("POST /v1/payment_intents/" + paymentIntent + "/confirm");
    }

}
