package dev.surge.api.abuse;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Event streams open at once, capped per client (3 here) and on the instance (6): the
 * test holds real streams open over HTTP, each on a connection of its own, from addresses
 * of its own (the loopback is a trusted proxy here, the client named in
 * {@code X-Forwarded-For}).
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(properties = { "surge.limits.unthrottled=", "surge.http.trusted-proxies=127.0.0.0/8,::1/128",
        "surge.limits.stream-opens.burst=1000", "surge.limits.streams.per-client=3", "surge.limits.streams.total=6" })
class StreamCapIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    private WebClient streams;

    private Map<String, Object> order;

    private final List<Disposable> held = new CopyOnWriteArrayList<>();

    @BeforeEach
    void placeAnOrderToFollow() {
        streams = WebClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
            .build();
        Storefront storefront = new Storefront(client, database);
        order = storefront.placed(storefront.guestCartWith(storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR"), 1));
    }

    @AfterEach
    void closeEveryStream() {
        held.forEach(Disposable::dispose);
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("surge.streams.open").gauge().value() == 0);
    }

    private static String anyAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** Opens the order's event stream from {@code address}: the answer's status. */
    private int open(String address) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        held.add(streams.get()
            .uri("/api/v1/orders/{id}/events", order.get("orderId"))
            .header("X-Forwarded-For", address)
            .header("X-Order-Token", (String) order.get("orderToken"))
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchangeToFlux(response -> {
                status.complete(response.statusCode().value());
                return response.statusCode().is2xxSuccessful() ? response.bodyToFlux(String.class)
                        : response.releaseBody().thenMany(Flux.empty());
            })
            .subscribe(event -> {
            }, status::completeExceptionally));
        return status.orTimeout(15, TimeUnit.SECONDS).join();
    }

    private WebTestClient.ResponseSpec openOnce(String address) {
        return client.get()
            .uri("/api/v1/orders/{id}/events", order.get("orderId"))
            .header("X-Forwarded-For", address)
            .header("X-Order-Token", (String) order.get("orderToken"))
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange();
    }

    @Test
    void aClientsStreamsPastItsCapAreRefusedUntilOneCloses() {
        String shopper = anyAddress();
        for (int stream = 1; stream <= 3; stream++) {
            assertThat(open(shopper)).as("stream %d", stream).isEqualTo(200);
        }
        expectProblem(openOnce(shopper).expectHeader().valueEquals("Retry-After", "10"), 429, "too-many-streams");

        held.getFirst().dispose();
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("surge.streams.open").gauge().value() == 2);
        assertThat(open(shopper)).as("once one of the three closed").isEqualTo(200);
    }

    @Test
    void twoHundredStreamsFromOneAddressOpenNoMoreThanItsCap() {
        String bot = anyAddress();
        Map<Integer, Long> statuses = Flux.range(0, 200)
            .flatMap(attempt -> Mono.fromCallable(() -> open(bot)).subscribeOn(Schedulers.boundedElastic()), 50)
            .collect(Collectors.groupingBy(status -> status, Collectors.counting()))
            .block(Duration.ofMinutes(1));

        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(200, 3L, 429, 197L));
        assertThat(meters.get("surge.streams.open").gauge().value()).isEqualTo(3);
    }

    @Test
    void theInstanceCapsItsStreamsInTotal() {
        for (int client = 1; client <= 2; client++) {
            String address = anyAddress();
            for (int stream = 1; stream <= 3; stream++) {
                assertThat(open(address)).isEqualTo(200);
            }
        }
        expectProblem(openOnce(anyAddress()), 429, "too-many-streams");
        assertThat(meters.get("surge.streams.refused").tag("cap", "total").counter().count()).isPositive();
    }

}
