package dev.surge.api.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.api.support.VendorStreams;
import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.port.OrderEventBus;
import dev.surge.checkout.port.OrderEventLog;
import dev.surge.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Order events from the outbox to Kafka and on to vendors: once per vendor and event on
 * the topic, each vendor only its own, resumable by Last-Event-ID without gaps or
 * repeats, and re-sent events (a relay dying between publishing and marking) shown once.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class VendorStreamIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    OrderEventLog log;

    @Autowired
    OrderEventBus bus;

    @Autowired
    JsonMapper json;

    @Value("${surge.kafka.vendor-orders-topic}")
    String vendorTopic;

    @Test
    void publishesExactlyOneSubOrderPaidPerVendorOfAPaidOrder() {
        Map<String, Object> order = paidTwoVendorOrder();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> events = topicEventsOf((String) order.get("orderId"));
            assertThat(events.stream().filter(event -> event.get("type").asString().equals("suborder.paid")))
                .extracting(event -> event.get("vendorId").asString())
                .containsExactlyInAnyOrder(DemoCatalog.NORDIC_GOODS, DemoCatalog.ATELIER_LUMIERE);
            assertThat(events.stream().filter(event -> event.get("type").asString().equals("suborder.created")))
                .hasSize(2);
        });
    }

    @Test
    void streamsAVendorItsOwnSubOrdersOnlyAndResumesFromTheLastEventItGot() {
        Flux<ServerSentEvent<String>> nordic = stream(DemoCatalog.NORDIC_GOODS, null);
        List<ServerSentEvent<String>> first = new ArrayList<>();

        StepVerifier.create(nordic.filter(event -> event.data() != null).take(2))
            .then(this::paidTwoVendorOrder)
            .recordWith(() -> first)
            .thenConsumeWhile(event -> true)
            .expectComplete()
            .verify(Duration.ofSeconds(30));

        assertThat(first).extracting(ServerSentEvent::event).containsExactly("suborder.created", "suborder.paid");
        assertThat(first).allSatisfy(event -> assertThat(json.readTree(event.data()).get("vendorId").asString())
            .isEqualTo(DemoCatalog.NORDIC_GOODS));
        assertThat(Long.parseLong(first.get(1).id())).isGreaterThan(Long.parseLong(first.get(0).id()));

        // Missed while away: one more order; reconnecting after the first event gets
        // exactly the rest, in order.
        Map<String, Object> missed = paidTwoVendorOrder();
        StepVerifier
            .create(stream(DemoCatalog.NORDIC_GOODS, first.get(0).id()).filter(event -> event.data() != null).take(3))
            .assertNext(event -> assertThat(event.id()).isEqualTo(first.get(1).id()))
            .assertNext(event -> assertThat(event.event()).isEqualTo("suborder.created"))
            .assertNext(event -> {
                assertThat(event.event()).isEqualTo("suborder.paid");
                assertThat(json.readTree(event.data()).get("orderId").asString()).isEqualTo(missed.get("orderId"));
            })
            .thenCancel()
            .verify(Duration.ofSeconds(30));
    }

    @Test
    void showsAnEventThatWasPublishedTwiceOnlyOnce() {
        Map<String, Object> order = paidTwoVendorOrder();
        await().atMost(Duration.ofSeconds(20))
            .until(() -> count("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0);
        // A relay that died after publishing and before marking: its batch goes out
        // again.
        List<OrderEvent> republished = log
            .vendorEventsAfter(new dev.surge.checkout.domain.VendorId(UUID.fromString(DemoCatalog.ATELIER_LUMIERE)), 0,
                    100)
            .collectList()
            .block();
        bus.publish(republished).block();

        StepVerifier
            .create(stream(DemoCatalog.ATELIER_LUMIERE, "0").filter(event -> event.data() != null)
                .filter(event -> json.readTree(event.data()).get("orderId").asString().equals(order.get("orderId")))
                .take(Duration.ofSeconds(3)))
            .expectNextCount(2)
            .verifyComplete();
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(topicEventsOf((String) order.get("orderId")).stream()
                .filter(event -> event.get("vendorId").asString().equals(DemoCatalog.ATELIER_LUMIERE))).hasSize(4));
    }

    @Test
    void deliversEachPaidSubOrderToItsVendorsStreamAndMeasuresHowFast() {
        // 100 in the suite; -Dsurge.it.latency-orders=1000 for the figure in the docs.
        int orders = Integer.getInteger("surge.it.latency-orders", 100);
        Map<String, Long> paidAt = new java.util.concurrent.ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        var listening = stream(DemoCatalog.BRICK_LANE_SUPPLY, null)
            .filter(event -> "suborder.paid".equals(event.event()))
            .subscribe(event -> {
                Long started = paidAt.get(json.readTree(event.data()).get("orderId").asString());
                if (started != null) {
                    latencies.add(System.nanoTime() - started);
                }
            });
        try {
            Storefront storefront = new Storefront(client, database);
            String sku = storefront.sku(DemoCatalog.BRICK_LANE_SUPPLY, "EUR", 13);
            client.put()
                .uri("/api/v1/vendor/skus/{sku}/stock", sku)
                .headers(
                        headers -> headers.setBearerAuth(VendorStreams.tokenFor(client, DemoCatalog.BRICK_LANE_SUPPLY)))
                .bodyValue(Map.of("onHand", orders + 10))
                .exchange()
                .expectStatus()
                .isOk();
            for (int i = 0; i < orders; i++) {
                Map<String, Object> cart = storefront.guestCart("EUR", "DE");
                storefront.addLine(cart, sku, 1).expectStatus().isOk();
                Map<String, Object> order = storefront.checkout(cart, "latency-" + UUID.randomUUID())
                    .expectStatus()
                    .isCreated()
                    .expectBody(Storefront.JSON)
                    .returnResult()
                    .getResponseBody();
                paidAt.put((String) order.get("orderId"), System.nanoTime());
                storefront.confirm(order, "pm_card_visa").expectStatus().isOk();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> latencies.size() == orders);
        }
        finally {
            listening.dispose();
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.printf(
                "[figures] paid -> vendor SSE event over %d orders (confirm request included): median %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n",
                orders, sorted.get(orders / 2) / 1e6, sorted.get(orders * 99 / 100 - 1) / 1e6, sorted.getLast() / 1e6);
        assertThat(latencies).hasSize(orders);
    }

    @Test
    void reportsTheOutboxBacklogOnHealth() {
        paidTwoVendorOrder();

        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.components.messaging.status")
                .isEqualTo("UP"));
        assertThat(count("SELECT count(*) FROM outbox WHERE published_at IS NULL")).isZero();
    }

    private Flux<ServerSentEvent<String>> stream(String vendorId, String lastEventId) {
        return VendorStreams.open(client, vendorId, lastEventId);
    }

    private Map<String, Object> paidTwoVendorOrder() {
        return new Storefront(client, database).paidOrder(DemoCatalog.NORDIC_GOODS, DemoCatalog.ATELIER_LUMIERE);
    }

    private List<JsonNode> topicEventsOf(String orderId) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers());
        config.put("group.id", "test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        List<JsonNode> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(vendorTopic));
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    JsonNode event = json.readTree(record.value());
                    if (event.get("orderId").asString().equals(orderId)) {
                        events.add(event);
                    }
                });
            }
        }
        return events;
    }

    private long count(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

}
