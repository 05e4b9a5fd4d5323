package dev.surge.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.payments.stub.StripeStub;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Load shedding (issue #16): past the concurrency limit a write answers
 * {@code 503 overloaded} with Retry-After at once, without waiting for the writes in
 * flight, and without doing any of its work; reads go on being served meanwhile, and once
 * the writes in flight end, writes are admitted again. A fixed limit of 3 here, so the
 * test does not depend on how the adaptive one moves (the overload benchmark measures
 * that).
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(properties = "surge.http.overload.fixed-limit=3")
class LoadSheddingIT {

    private static final Duration STRIPE_DELAY = Duration.ofSeconds(1);

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    StripeStub stripe;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void healthyStripe() {
        stripe.faults().clear();
    }

    @Test
    void writesPastTheLimitAnswer503OverloadedAtOnceWhileReadsAreServed() {
        Storefront storefront = new Storefront(client, database);
        String sku = storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR");
        int availableBefore = storefront.available(sku);
        // One write at a time: never shed.
        List<Map<String, Object>> carts = IntStream.range(0, 12)
            .mapToObj(i -> storefront.guestCartWith(sku, 1))
            .toList();
        double shedBefore = shed();
        // Each admitted checkout waits on Stripe, holding its place.
        stripe.faults().delayResponses(STRIPE_DELAY);

        List<Answer> answers = Flux.fromIterable(carts)
            .flatMap(cart -> Mono.fromCallable(() -> answer(storefront, cart)).subscribeOn(Schedulers.boundedElastic()),
                    carts.size())
            .collectList()
            .block(Duration.ofMinutes(1));
        int read = client.get()
            .uri("/api/v1/products/{id}?currency=EUR", storefront.productOf(sku))
            .exchange()
            .returnResult(String.class)
            .getStatus()
            .value();

        List<Answer> placed = answers.stream().filter(answer -> answer.status() == 201).toList();
        List<Answer> overloaded = answers.stream().filter(answer -> answer.status() == 503).toList();
        System.out.printf("[figures] 12 checkouts at once over a limit of 3: %d placed, %d shed in %s ms%n",
                placed.size(), overloaded.size(), overloaded.stream().map(Answer::millis).toList());
        assertThat(placed).hasSizeBetween(3, 11);
        assertThat(placed.size() + overloaded.size()).isEqualTo(carts.size());
        assertThat(overloaded).allSatisfy(answer -> {
            assertThat(answer.type()).endsWith("/overloaded");
            assertThat(answer.retryAfter()).isNotNull();
            // Shed without waiting for the checkouts in flight, which wait on Stripe.
            assertThat(answer.millis()).isLessThan(STRIPE_DELAY.toMillis());
        });
        assertThat(shed() - shedBefore).isEqualTo(overloaded.size());
        assertThat(read).isEqualTo(200);
        // A shed checkout did nothing: only the placed ones hold stock.
        stripe.faults().clear();
        assertThat(storefront.available(sku)).isEqualTo(availableBefore - placed.size());
        // And once the writes in flight have ended, writes are admitted again.
        storefront.checkout(overloaded.getFirst().cart(), "again-" + UUID.randomUUID()).expectStatus().isCreated();
    }

    private Answer answer(Storefront storefront, Map<String, Object> cart) {
        long started = System.nanoTime();
        EntityExchangeResult<Map<String, Object>> result = storefront.checkout(cart, "shed-" + UUID.randomUUID())
            .expectBody(Storefront.JSON)
            .returnResult();
        Map<String, Object> body = result.getResponseBody();
        return new Answer(cart, result.getStatus().value(), body == null ? "" : String.valueOf(body.get("type")),
                result.getResponseHeaders().getFirst("Retry-After"),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private double shed() {
        return meters.find("surge.http.writes.shed").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private record Answer(Map<String, Object> cart, int status, String type, String retryAfter, long millis) {
    }

}
