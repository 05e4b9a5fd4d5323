package dev.surge.loadtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plain blocking HTTP client for the set-up before a run ({@code before()}), outside
 * Gatling's measurements: reads the live catalog, asks for demo tokens, sets stock.
 */
final class SurgeClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, Optional<String>> vendorTokens = new HashMap<>();

    SurgeClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One sellable variant as the catalog shows it in EUR. */
    record Variant(String sku, String productId, String vendorId, int available) {
    }

    /** Every variant of every listed product, walking the catalog page by page. */
    List<Variant> catalog() {
        List<Variant> variants = new ArrayList<>();
        String cursor = null;
        do {
            String query = "/api/v1/products?limit=100&currency=EUR"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = get(query, Map.of()).body();
            for (JsonNode product : page.path("items")) {
                // Read like a storefront's product page: the variants with their live
                // availability.
                JsonNode detail = get("/api/v1/products/" + product.path("id").asText() + "?currency=EUR", Map.of())
                    .body();
                for (JsonNode variant : detail.path("variants")) {
                    variants.add(new Variant(variant.path("sku").asText(), detail.path("id").asText(),
                            detail.path("vendorId").asText(), variant.path("available").asInt()));
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        }
        while (cursor != null);
        return variants;
    }

    /**
     * The demo's seeded owners by vendor id: Surge reads a vendor member's role from the
     * vendor's members, so a token must name one.
     */
    private static final Map<String, String> DEMO_OWNERS = Map.of("11111111-1111-4111-8111-111111111111",
            "nordic-owner", "22222222-2222-4222-8222-222222222222", "atelier-owner",
            "33333333-3333-4333-8333-333333333333", "bricklane-owner", "44444444-4444-4444-8444-444444444444",
            "sunset-owner");

    /**
     * A vendor's demo token (its seeded owner's), or empty where Surge issues none
     * (outside the embedded/demo mode the dev endpoint answers 404).
     */
    Optional<String> vendorToken(String vendorId) {
        return vendorTokens.computeIfAbsent(vendorId, id -> {
            Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/dev/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"vendor\",\"subject\":\""
                        + DEMO_OWNERS.getOrDefault(id, "load-tests") + "\",\"vendorId\":\"" + id + "\"}")));
            return answer.status() == 200 ? Optional.of(answer.body().path("token").asText()) : Optional.empty();
        });
    }

    /**
     * Sets the units on hand of a SKU; answers what Surge now offers (on hand less held).
     */
    int setOnHand(String vendorId, String sku, int onHand) {
        String token = vendorToken(vendorId).orElseThrow(() -> new IllegalStateException("no demo token for vendor "
                + vendorId + ": setting stock needs Surge in demo mode (the embedded default)"));
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/vendor/skus/" + sku + "/stock"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .PUT(HttpRequest.BodyPublishers.ofString("{\"onHand\":" + onHand + "}")));
        answer.expect(200, "PUT stock of " + sku);
        return answer.body().path("available").asInt();
    }

    /**
     * Opens a waiting room admitting {@code admitPerSecond} shoppers a second in front of
     * the SKU, or closes it ({@code 0}), with a demo operator token.
     */
    void waitingRoom(String sku, int admitPerSecond) {
        String body = admitPerSecond > 0 ? "{\"enabled\":true,\"admitPerSecond\":" + admitPerSecond + "}"
                : "{\"enabled\":false}";
        asOperator("/api/v1/admin/skus/" + sku + "/queue", body);
    }

    /**
     * Sets ({@code perBuyer} > 0) or removes the SKU's per-buyer limit, as an operator.
     */
    void purchaseLimit(String sku, int perBuyer) {
        asOperator("/api/v1/vendor/skus/" + sku + "/limits",
                "{\"perBuyer\":" + (perBuyer > 0 ? Integer.toString(perBuyer) : "null") + "}");
    }

    private void asOperator(String path, String body) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + operatorToken())
            .PUT(HttpRequest.BodyPublishers.ofString(body))).expect(200, "PUT " + path);
    }

    /** A demo operator token (the embedded/demo mode's dev endpoint). */
    private String operatorToken() {
        Answer token = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/dev/tokens"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"operator\",\"subject\":\"load-tests\"}")));
        token.expect(200, "an operator token");
        return token.body().path("token").asText();
    }

    /** Surge's Prometheus metrics as text, read as an operator. */
    String prometheus() {
        Answer answer = sendForText(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
            .header("Authorization", "Bearer " + operatorToken())
            .GET());
        answer.expect(200, "GET /actuator/prometheus");
        return answer.raw();
    }

    /** Whether Surge answers its health check UP. */
    boolean healthy() {
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health")).GET());
        return answer.status() == 200 && "UP".equals(answer.body().path("status").asText());
    }

    private Answer get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(request::header);
        Answer answer = send(request);
        answer.expect(200, "GET " + path);
        return answer;
    }

    private Answer send(HttpRequest.Builder request) {
        return send(request, true);
    }

    private Answer sendForText(HttpRequest.Builder request) {
        return send(request, false);
    }

    private Answer send(HttpRequest.Builder request, boolean json) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(response.statusCode(), body.isEmpty() || !json ? JSON.nullNode() : JSON.readTree(body),
                    body);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Surge at " + baseUrl + " did not answer", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private record Answer(int status, JsonNode body, String raw) {

        void expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + " answered " + status + ": " + raw);
            }
        }

    }

}
