package dev.surge.api.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.api.support.VendorStreams;
import dev.surge.testing.KafkaBrokerProcess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka away for 30 seconds (its broker killed, then started again on its data):
 * checkouts and payments go on, their events wait in the outbox, and once the broker is
 * back every one reaches the vendor who was listening all along, once and in order.
 */
@SurgeIntegrationTest(ownKafkaBroker = true)
@ActiveProfiles("demo")
class BrokerOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    KafkaBrokerProcess broker;

    @Autowired
    JsonMapper json;

    @Test
    void keepsTakingOrdersWhileTheBrokerIsDownAndDeliversEveryEventWhenItReturns() {
        Storefront storefront = new Storefront(client, database);
        List<ServerSentEvent<String>> received = Collections.synchronizedList(new ArrayList<>());
        Disposable listening = VendorStreams.open(client, DemoCatalog.NORDIC_GOODS, null)
            .filter(event -> event.data() != null)
            .subscribe(received::add);
        try {
            String before = orderId(storefront.paidOrder(DemoCatalog.NORDIC_GOODS, DemoCatalog.ATELIER_LUMIERE));
            await().atMost(Duration.ofSeconds(20)).until(() -> paidOrdersIn(received).contains(before));

            long down = System.nanoTime();
            broker.kill();
            List<String> duringOutage = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                duringOutage.add(orderId(storefront.paidOrder(DemoCatalog.NORDIC_GOODS, DemoCatalog.ATELIER_LUMIERE)));
            }
            assertThat(unpublishedEvents()).as("events waiting in the outbox").isGreaterThanOrEqualTo(40);
            assertThat(paidOrdersIn(received)).doesNotContainAnyElementsOf(duringOutage);
            String operator = DemoTokensClient.token(client, Map.of("role", "operator", "subject", "sre"));
            client.get()
                .uri("/actuator/health")
                .headers(headers -> headers.setBearerAuth(operator))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.messaging.details.unpublishedEvents")
                .value(Number.class, waiting -> assertThat(waiting.longValue()).isPositive());

            sleepUntil(down + OUTAGE.toNanos());
            broker.restart();
            long back = System.nanoTime();

            await().atMost(Duration.ofSeconds(60)).until(() -> unpublishedEvents() == 0);
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(paidOrdersIn(received)).containsAll(duringOutage));
            System.out.printf(
                    "[figures] broker down %d s; %d paid orders taken meanwhile; all their events on the "
                            + "vendor stream %.1f s after the broker was back%n",
                    OUTAGE.toSeconds(), duringOutage.size(), (System.nanoTime() - back) / 1e9);
        }
        finally {
            listening.dispose();
        }
        List<ServerSentEvent<String>> events = List.copyOf(received);
        assertThat(events).extracting(ServerSentEvent::id).doesNotHaveDuplicates();
        assertThat(events).extracting(event -> Long.parseLong(event.id())).isSorted();
        assertThat(events).allSatisfy(event -> assertThat(json.readTree(event.data()).get("vendorId").asString())
            .isEqualTo(DemoCatalog.NORDIC_GOODS));
    }

    private List<String> paidOrdersIn(List<ServerSentEvent<String>> events) {
        synchronized (events) {
            return events.stream()
                .filter(event -> "suborder.paid".equals(event.event()))
                .map(event -> json.readTree(event.data()).get("orderId").asString())
                .toList();
        }
    }

    private long unpublishedEvents() {
        return database.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL")
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
    }

    private static String orderId(Map<String, Object> order) {
        return (String) order.get("orderId");
    }

    private static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

}
