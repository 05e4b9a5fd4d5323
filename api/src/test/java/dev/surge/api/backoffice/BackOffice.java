package dev.surge.api.backoffice;

import java.util.HashMap;
import java.util.Map;

import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.Storefront;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Calls as operators, customers and vendor members, with demo tokens per subject. */
final class BackOffice {

    private final WebTestClient client;

    private final Map<String, String> tokens = new HashMap<>();

    BackOffice(WebTestClient client) {
        this.client = client;
    }

    /** A token of a signed-in customer (vendor members sign in with the same kind). */
    String customer(String subject) {
        return tokens.computeIfAbsent("customer:" + subject,
                key -> DemoTokensClient.token(client, Map.of("role", "customer", "subject", subject)));
    }

    String operator() {
        return tokens.computeIfAbsent("operator",
                key -> DemoTokensClient.token(client, Map.of("role", "operator", "subject", "ops-1")));
    }

    WebTestClient.ResponseSpec call(HttpMethod method, String path, String token, @Nullable Object body) {
        return call(method, path, token, body, Map.of());
    }

    WebTestClient.ResponseSpec call(HttpMethod method, String path, String token, @Nullable Object body,
            Map<String, String> headers) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path).headers(h -> {
            h.setBearerAuth(token);
            headers.forEach(h::add);
        });
        return body == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    Map<String, Object> json(HttpMethod method, String path, String token, @Nullable Object body, int status) {
        return json(method, path, token, body, status, Map.of());
    }

    Map<String, Object> json(HttpMethod method, String path, String token, @Nullable Object body, int status,
            Map<String, String> headers) {
        return call(method, path, token, body, headers).expectStatus()
            .isEqualTo(status)
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
    }

}
