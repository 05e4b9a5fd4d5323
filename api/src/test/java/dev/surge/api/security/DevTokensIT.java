package dev.surge.api.security;

import static dev.surge.api.support.ProblemAssertions.expectProblem;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.SurgeIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

@SurgeIntegrationTest
@ActiveProfiles("demo")
class DevTokensIT {

    @Autowired
    WebTestClient client;

    @Test
    void issuesTokensThatTheResourceServerAcceptsPerRole() {
        String vendor = token(Map.of("role", "vendor", "subject", DemoCatalog.NORDIC_FULFILLMENT));
        String customer = token(Map.of("role", "customer", "subject", "alice"));

        client.get()
            .uri("/api/v1/vendor/orders")
            .headers(h -> h.setBearerAuth(vendor))
            .exchange()
            .expectStatus()
            .isOk();
        // Not a member of any vendor, whatever the token claims.
        expectProblem(client.get().uri("/api/v1/vendor/orders").headers(h -> h.setBearerAuth(customer)).exchange(), 403,
                "vendor-role-required");
    }

    @Test
    void answersUnauthorizedWithoutOrWithABadToken() {
        expectProblem(client.get().uri("/api/v1/vendor/orders").exchange(), 401, "unauthorized");
        String customer = token(Map.of("role", "customer", "subject", "alice"));
        String tampered = customer.substring(0, customer.length() - 4) + "AAAA";
        expectProblem(client.get().uri("/api/v1/orders/x").headers(h -> h.setBearerAuth(tampered)).exchange(), 401,
                "unauthorized");
        expectProblem(client.get().uri("/api/v1/orders/x").headers(h -> h.setBearerAuth("not.a.jwt")).exchange(), 401,
                "unauthorized");
    }

    @Test
    void rejectsMalformedJson() {
        expectProblem(client.post()
            .uri("/api/v1/dev/tokens")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"role\": \"customer\",")
            .exchange(), 400, "malformed-request");
    }

    @Test
    void rejectsInvalidFieldsNamingEachOne() {
        expectProblem(client.post()
            .uri("/api/v1/dev/tokens")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("role", "admin", "subject", ""))
            .exchange(), 400, "validation-failed").jsonPath("$.errors[?(@.field == 'role')].message")
            .isEqualTo("must be one of customer, vendor, operator")
            .jsonPath("$.errors[?(@.field == 'subject')]")
            .exists();
    }

    @Test
    void rejectsBodiesThatAreNotJson() {
        expectProblem(client.post()
            .uri("/api/v1/dev/tokens")
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("role=customer")
            .exchange(), 415, "unsupported-media-type");
    }

    private String token(Map<String, String> request) {
        return DemoTokensClient.token(client, request);
    }

}
