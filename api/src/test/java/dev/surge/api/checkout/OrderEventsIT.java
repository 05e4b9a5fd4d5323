package dev.surge.api.checkout;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Order status over Server-Sent Events, driven by PostgreSQL notifications. */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class OrderEventsIT {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Test
    void streamsTheCurrentStatusThenEveryChangeUntilAFinalOne() {
        Map<String, Object> order = placeOrder();
        Flux<ServerSentEvent<Map<String, Object>>> events = events(order);

        StepVerifier.create(events.filter(event -> event.data() != null)).assertNext(event -> {
            assertThat(event.event()).isEqualTo("order.status");
            assertThat(event.data()).containsEntry("orderId", order.get("orderId"))
                .containsEntry("status", "PENDING_PAYMENT");
        })
            .then(() -> post(order, "/api/v1/orders/{id}/payment/confirm", Map.of("paymentMethod", "pm_card_visa")))
            .assertNext(event -> assertThat(event.data()).containsEntry("status", "PAID"))
            .then(() -> post(order, "/api/v1/orders/{id}/cancel", null))
            .assertNext(event -> assertThat(event.data()).containsEntry("status", "REFUNDED"))
            .expectComplete()
            .verify(Duration.ofSeconds(30));
    }

    @Test
    void hearsChangesMadeThroughAnotherConnectionAsFromAnotherInstance() {
        Map<String, Object> order = placeOrder();

        StepVerifier.create(events(order).filter(event -> event.data() != null))
            .assertNext(event -> assertThat(event.data()).containsEntry("status", "PENDING_PAYMENT"))
            .then(() -> database.sql("SELECT pg_notify('surge_order_status', :message)")
                .bind("message", order.get("orderId") + ":CANCELLED:" + Instant.now())
                .fetch()
                .rowsUpdated()
                .block())
            .assertNext(event -> assertThat(event.data()).containsEntry("status", "CANCELLED"))
            .expectComplete()
            .verify(Duration.ofSeconds(30));
    }

    @Test
    void answersNotFoundWithoutTheOrderToken() {
        Map<String, Object> order = placeOrder();

        expectProblem(client.get().uri("/api/v1/orders/{id}/events", order.get("orderId")).exchange(), 404,
                "order-not-found");
    }

    private Flux<ServerSentEvent<Map<String, Object>>> events(Map<String, Object> order) {
        return client.get()
            .uri("/api/v1/orders/{id}/events", order.get("orderId"))
            .header("X-Order-Token", (String) order.get("orderToken"))
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(EVENT)
            .getResponseBody();
    }

    private void post(Map<String, Object> order, String path, Map<String, String> body) {
        WebTestClient.RequestBodySpec request = client.post()
            .uri(path, order.get("orderId"))
            .header("X-Order-Token", (String) order.get("orderToken"));
        (body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body)).exchange()
            .expectStatus()
            .isOk();
    }

    private Map<String, Object> placeOrder() {
        Storefront storefront = new Storefront(client, database);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, storefront.sku(DemoCatalog.BRICK_LANE_SUPPLY, "EUR", 7), 1).expectStatus().isOk();
        return storefront.checkout(cart, "events-" + UUID.randomUUID())
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
    }

}
