package dev.surge.api.operations;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.SurgeIntegrationTest;
import java.util.List;
import java.util.Map;
import dev.surge.checkout.port.InventoryUnavailable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@SurgeIntegrationTest
@ActiveProfiles("demo")
@Import(OperationsIT.FailingEndpoint.class)
@TestPropertySource(properties = { "surge.http.request-timeout=1s", "spring.r2dbc.properties.statementTimeout=PT1S" })
class OperationsIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void reportsReadinessWithItsDatabaseAndRedis() {
        client.get()
            .uri("/actuator/health/readiness")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("UP")
            .jsonPath("$.components.r2dbc.status")
            .isEqualTo("UP")
            .jsonPath("$.components.redis.status")
            .isEqualTo("UP");
        client.get()
            .uri("/actuator/health/liveness")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("UP");
    }

    @Test
    void probesFollowTheApplicationsAvailability() {
        try {
            AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
            client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("OUT_OF_SERVICE");
            AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
            client.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("DOWN");
        }
        finally {
            AvailabilityChangeEvent.publish(events, this, LivenessState.CORRECT);
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        }
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void keepsEveryActuatorEndpointButHealthFromAllButOperators() {
        // In the demo runtime Prometheus is public (anyone may have an operator token
        // there);
        // outside it only operators scrape it (ExternalModeIT).
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        String customer = DemoTokensClient.token(client, Map.of("role", "customer", "subject", "curious"));
        for (String endpoint : List.of("/actuator/metrics", "/actuator/info")) {
            expectProblem(client.get().uri(endpoint).exchange(), 401, "unauthorized");
            expectProblem(client.get().uri(endpoint).headers(headers -> headers.setBearerAuth(customer)).exchange(),
                    403, "forbidden");
        }
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void exposesHttpLatencyHistogramsForPrometheus() {
        client.get().uri("/api/v1/products?limit=1").exchange().expectStatus().isOk();

        String scrape = client.get()
            .uri("/actuator/prometheus")
            .headers(headers -> headers.setBearerAuth(DemoTokensClient.token(client, Map.of("role", "operator"))))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(scrape).contains("http_server_requests_seconds_bucket{").contains("uri=\"/api/v1/products\"");
    }

    @Test
    void publishesTheCatalogInItsOpenApiDocument() {
        client.get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.paths['/api/v1/products'].get")
            .exists()
            .jsonPath("$.paths['/api/v1/products/{productId}'].get")
            .exists()
            .jsonPath("$.paths['/api/v1/dev/tokens'].post")
            .exists();
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void documentsTheLimitsWhereTheyApplyInItsOpenApiDocument() {
        client.get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.paths['/api/v1/checkouts'].post.responses['429'].description")
            .value(String.class, description -> assertThat(description).contains("rate-limited"))
            .jsonPath("$.paths['/api/v1/checkouts'].post.responses['429'].headers['Retry-After']")
            .exists()
            .jsonPath("$.paths['/api/v1/checkouts'].post.responses['503'].description")
            .value(String.class, description -> assertThat(description).contains("overloaded"))
            .jsonPath("$.paths['/api/v1/carts/{cartId}/lines'].post.responses['429']")
            .exists()
            .jsonPath("$.paths['/api/v1/orders/{orderId}/events'].get.responses['429']")
            .exists()
            .jsonPath("$.paths['/api/v1/orders/{orderId}/payment/confirm'].post.responses['429'].description")
            .value(String.class, description -> assertThat(description).contains("too-many-payment-attempts"))
            .jsonPath("$.paths['/api/v1/checkouts'].post.responses['409'].description")
            .value(String.class,
                    description -> assertThat(description).contains("purchase-limit", "too-many-open-orders"))
            .jsonPath("$.paths['/api/v1/checkouts'].post.responses['409'].headers['Retry-After']")
            .doesNotExist()
            .jsonPath("$.paths['/api/v1/carts/{cartId}/lines/{sku}'].put.responses['409'].description")
            .value(String.class, description -> assertThat(description).contains("purchase-limit"))
            .jsonPath("$.paths['/api/v1/products'].get.responses['429']")
            .doesNotExist()
            .jsonPath("$.paths['/api/v1/webhooks/stripe'].post.responses['503']")
            .doesNotExist();
    }

    @Test
    void answersUnexpectedFailuresWithoutLeakingInternals() {
        byte[] body = expectProblem(client.get().uri("/api/v1/products/explode-for-test").exchange(), 500,
                "internal-error")
            .jsonPath("$.requestId")
            .isNotEmpty()
            .returnResult()
            .getResponseBodyContent();

        assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("hunter2")
            .doesNotContain("IllegalStateException")
            .doesNotContain("dev.surge");
    }

    @Test
    void answersServiceUnavailableWhenStockCannotBeRead() {
        expectProblem(client.get()
            .uri("/api/v1/products/inventory-down-for-test")
            .exchange()
            .expectHeader()
            .valueEquals("Retry-After", "1"), 503, "service-unavailable");
    }

    @Test
    void answersServiceUnavailableWhenARequestOutlivesItsTimeout() {
        expectProblem(client.get()
            .uri("/api/v1/products/hang-for-test")
            .exchange()
            .expectHeader()
            .valueEquals("Retry-After", "1"), 503, "service-unavailable");
    }

    @Test
    void asksForAnEventStreamDoNotEscapeTheRequestTimeout() {
        expectProblem(client.get()
            .uri("/api/v1/products/hang-for-test")
            .accept(org.springframework.http.MediaType.TEXT_EVENT_STREAM, org.springframework.http.MediaType.ALL)
            .exchange()
            .expectHeader()
            .valueEquals("Retry-After", "1"), 503, "service-unavailable");
    }

    @Test
    void cancelsStatementsThatOutliveTheirTimeout() {
        StepVerifier.create(database.sql("SELECT pg_sleep(30)").fetch().rowsUpdated())
            .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("statement timeout"))
            .verify(java.time.Duration.ofSeconds(15));
    }

    /**
     * A handler that fails the way a bug would, with a message that must never reach the
     * client.
     */
    @TestConfiguration
    @RestController
    static class FailingEndpoint {

        @GetMapping("/api/v1/products/explode-for-test")
        Mono<String> explodeUnderPublicPath() {
            return Mono.error(new IllegalStateException("database password is hunter2"));
        }

        @GetMapping("/api/v1/products/inventory-down-for-test")
        Mono<String> inventoryDown() {
            return Mono
                .error(new InventoryUnavailable("Redis failed", new IllegalStateException("connection refused")));
        }

        @GetMapping("/api/v1/products/hang-for-test")
        Mono<String> hang() {
            return Mono.never();
        }

    }

}
