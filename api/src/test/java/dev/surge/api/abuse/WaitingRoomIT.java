package dev.surge.api.abuse;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
 * A waiting room in front of a hot SKU, over HTTP: 300 shoppers for 20 units, admitted 20
 * a second. Every shopper is given a place in the order the checkouts arrived, comes back
 * with its X-Queue-Token after Retry-After and buys or is told the SKU sold out; exactly
 * 20 are sold, admissions follow the places, and once the last unit is gone every waiting
 * shopper's status says so at once.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
// Order, not latency: 300 checkouts in bursts, with the client in the same JVM on 2 cores
// (as
// CheckoutConcurrencyIT).
@TestPropertySource(properties = "surge.inventory.command-timeout=1s")
class WaitingRoomIT {

    private static final int UNITS = 20;

    private static final int SHOPPERS = 300;

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    /** One shopper's first answer: their place. */
    private record Place(String token, int position, Instant admittedAt, Map<String, Object> cart) {
    }

    @Test
    void shoppersAreAdmittedFirstComeFirstServedAndToldTheSellOutAtOnce() throws InterruptedException {
        Storefront storefront = new Storefront(client, database);
        String sku = storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR");
        String owner = DemoTokensClient.token(client,
                Map.of("role", "vendor", "subject", DemoCatalog.NORDIC_OWNER, "vendorId", DemoCatalog.NORDIC_GOODS));
        client.put()
            .uri("/api/v1/vendor/skus/{sku}/stock", sku)
            .headers(headers -> headers.setBearerAuth(owner))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("onHand", UNITS))
            .exchange()
            .expectStatus()
            .isOk();
        String operator = DemoTokensClient.token(client, Map.of("role", "operator", "subject", "ops"));
        client.put()
            .uri("/api/v1/admin/skus/{sku}/queue", sku)
            .headers(headers -> headers.setBearerAuth(operator))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("enabled", true, "admitPerSecond", 20))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("{\"sku\":\"" + sku + "\",\"enabled\":true,\"admitPerSecond\":20}");
        List<Map<String, Object>> carts = Flux.range(0, SHOPPERS)
            .map(i -> storefront.guestCartWith(sku, 1))
            .collectList()
            .block();

        // Everyone checks out at once: the first walks in, the rest get places.
        ConcurrentLinkedQueue<Place> places = new ConcurrentLinkedQueue<>();
        List<Integer> firstAnswers = Flux.fromIterable(carts)
            .flatMap(cart -> Mono.fromCallable(() -> checkout(storefront, cart, null))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(answer -> {
                    if (answer.getStatus().value() == 429) {
                        places.add(place(answer, cart));
                    }
                })
                .map(answer -> answer.getStatus().value()), 32)
            .collectList()
            .block(Duration.ofMinutes(2));
        assertThat(firstAnswers).containsOnly(201, 429);
        List<Place> queue = places.stream().sorted(Comparator.comparing(Place::admittedAt)).toList();
        assertThat(queue).extracting(Place::token).doesNotHaveDuplicates();
        // Places are given in the order the checkouts reached Redis, admissions at least
        // 50 ms apart (exactly
        // 50 while shoppers arrive faster than they are admitted).
        for (int i = 1; i < queue.size(); i++) {
            assertThat(Duration.between(queue.get(i - 1).admittedAt(), queue.get(i).admittedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }

        // Each comes back once admitted, in their order; the first UNITS buy, the rest
        // are told it sold out.
        int sold = (int) firstAnswers.stream().filter(status -> status == 201).count();
        List<String> stillWaiting = new ArrayList<>();
        Instant soldOutAt = null;
        for (Place place : queue) {
            Duration wait = Duration.between(Instant.now(), place.admittedAt());
            if (sold < UNITS && !wait.isNegative()) {
                Thread.sleep(wait.toMillis() + 5);
            }
            int status = checkout(storefront, place.cart(), place.token()).getStatus().value();
            if (sold < UNITS) {
                assertThat(status).as("admitted shopper %d", sold + 1).isEqualTo(201);
                sold++;
                if (sold == UNITS) {
                    soldOutAt = Instant.now();
                }
            }
            else {
                assertThat(status).as("after the sell-out").isEqualTo(409);
                stillWaiting.add(place.token());
            }
        }
        assertThat(sold).isEqualTo(UNITS);
        assertThat(storefront.available(sku)).isZero();
        assertThat(stillWaiting).hasSizeGreaterThan(200);

        // Whoever follows their place learns of the sell-out at once, long before their
        // turn.
        for (String token : stillWaiting.subList(stillWaiting.size() - 20, stillWaiting.size())) {
            client.get()
                .uri("/api/v1/queue/{token}", token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.soldOut")
                .isEqualTo(true)
                .jsonPath("$.admitted")
                .isEqualTo(false);
        }
        assertThat(Duration.between(soldOutAt, Instant.now())).isLessThan(Duration.ofSeconds(10));
        expectProblem(client.get().uri("/api/v1/queue/{token}", "nothing-here").exchange(), 404, "not-found");
    }

    private EntityExchangeResult<Map<String, Object>> checkout(Storefront storefront, Map<String, Object> cart,
            String queueToken) {
        return client.post()
            .uri("/api/v1/checkouts")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .header("X-Cart-Token", (String) cart.get("token"))
            .headers(headers -> {
                if (queueToken != null) {
                    headers.add("X-Queue-Token", queueToken);
                }
            })
            .contentType(MediaType.APPLICATION_JSON)
            // A shopper per cart: a place is its buyer's.
            .bodyValue(Map.of("cartId", cart.get("id"), "email", "shopper-" + cart.get("id") + "@example.com",
                    "shippingAddress",
                    Map.of("name", "Ada", "line1", "1 Main Street", "city", "Berlin", "country", "DE")))
            .exchange()
            .expectBody(Storefront.JSON)
            .returnResult();
    }

    private static Place place(EntityExchangeResult<Map<String, Object>> answer, Map<String, Object> cart) {
        Map<String, Object> problem = answer.getResponseBody();
        assertThat(problem.get("type")).isEqualTo("https://surge.dev/problems/queued");
        assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9][0-9]*");
        return new Place((String) problem.get("queueToken"), (Integer) problem.get("position"),
                Instant.parse((String) problem.get("admittedAt")), cart);
    }

}
