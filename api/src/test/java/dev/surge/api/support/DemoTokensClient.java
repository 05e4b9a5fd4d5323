package dev.surge.api.support;

import java.util.Map;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Asks the demo runtime's {@code POST /api/v1/dev/tokens} for a token, as a storefront
 * would.
 */
public final class DemoTokensClient {

    private DemoTokensClient() {
    }

    public static String token(WebTestClient client, Map<String, String> request) {
        Map<?, ?> answer = client.post()
            .uri("/api/v1/dev/tokens")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(request)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
        String token = (String) Objects.requireNonNull(answer).get("token");
        if (token == null || token.isBlank()) {
            throw new AssertionError("no token in " + answer);
        }
        return token;
    }

}
