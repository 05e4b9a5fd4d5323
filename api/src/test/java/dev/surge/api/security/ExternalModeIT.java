package dev.surge.api.security;

import static dev.surge.api.support.ProblemAssertions.expectProblem;

import dev.surge.api.support.SurgeIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Outside the embedded/demo runtime: no seeded catalog, no token issuer, tokens checked
 * against a JWK set.
 */
@SurgeIntegrationTest
@TestPropertySource(properties = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks")
class ExternalModeIT {

    @Autowired
    WebTestClient client;

    @Test
    void hasNoTokenEndpoint() {
        expectProblem(client.post()
            .uri("/api/v1/dev/tokens")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("role", "operator"))
            .exchange(), 404, "not-found");
    }

    @Test
    void seedsNoDemoCatalog() {
        client.get()
            .uri("/api/v1/products")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.items")
            .isEmpty()
            .jsonPath("$.nextCursor")
            .isEqualTo(null);
    }

    @Test
    void stillRequiresATokenForProtectedPaths() {
        expectProblem(client.get().uri("/api/v1/vendor/orders").exchange(), 401, "unauthorized");
    }

}
