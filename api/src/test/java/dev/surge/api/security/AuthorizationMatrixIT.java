package dev.surge.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The authorization matrix, generated from the OpenAPI document the application serves:
 * every operation whose path takes an id (the public catalog and the waiting rooms' token
 * lookups aside) is called on resources that belong to somebody else, by another
 * customer, by another vendor's owner, by a guest holding another cart's and another
 * order's token, and every operator route by a vendor. Each answer must be 401, 403 or
 * 404: never the resource, never a change. Bodies are valid (so a refusal is the
 * authorization's, not validation's); an operation the document lists that this test has
 * no body or id for fails it until written down. The matrix is written to
 * {@code target/authorization-matrix.md}.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class AuthorizationMatrixIT {

    private static final Set<Integer> REFUSED = Set.of(401, 403, 404);

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    /** Who calls: a bearer token (or none) and the headers they send. */
    private record Caller(String name, @Nullable String token, Map<String, String> headers) {
    }

    /** One cell of the matrix. */
    private record Cell(String operation, String caller, int status) {
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationOnSomebodyElsesResourceIsRefused() throws IOException {
        Storefront storefront = new Storefront(client, database);
        // The victims' resources: a guest's cart and order (one sub-order per vendor),
        // Nordic's product, SKU and
        // members.
        String sku = storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR");
        Map<String, Object> victimCart = storefront.guestCartWith(sku, 1);
        Map<String, Object> victimOrder = storefront.paidOrder(DemoCatalog.NORDIC_GOODS);
        String subOrderId = (String) ((Map<String, Object>) ((List<Object>) victimOrder.get("subOrders")).getFirst())
            .get("id");
        Map<String, String> ids = Map.of("cartId", (String) victimCart.get("id"), "orderId",
                (String) victimOrder.get("orderId"), "subOrderId", subOrderId, "productId", storefront.productOf(sku),
                "sku", sku, "vendorId", DemoCatalog.NORDIC_GOODS, "subject", DemoCatalog.NORDIC_EDITOR, "ruleId",
                UUID.randomUUID().toString());
        Map<String, Object> bodies = bodies(sku);

        // The intruders' own cart and order give the guest tokens that open something,
        // just not these.
        Map<String, Object> ownCart = storefront.guestCartWith(sku, 1);
        Map<String, Object> ownOrder = storefront.placed(storefront.guestCartWith(sku, 1));
        List<Caller> intruders = List.of(
                new Caller("another customer", token(Map.of("role", "customer", "subject", "intruder")), Map.of()),
                new Caller("another vendor's owner",
                        token(Map.of("role", "vendor", "subject", DemoCatalog.ownerOf(DemoCatalog.ATELIER_LUMIERE),
                                "vendorId", DemoCatalog.ATELIER_LUMIERE)),
                        Map.of()),
                new Caller("a guest with another cart's and order's tokens", null, Map.of("X-Cart-Token",
                        (String) ownCart.get("token"), "X-Order-Token", (String) ownOrder.get("orderToken"))));
        Caller vendor = new Caller("a vendor on an operator route", token(
                Map.of("role", "vendor", "subject", DemoCatalog.NORDIC_OWNER, "vendorId", DemoCatalog.NORDIC_GOODS)),
                Map.of());

        List<Cell> matrix = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) client.get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody()
            .get("paths");
        for (var path : new TreeMap<>(paths).entrySet()) {
            String template = path.getKey();
            boolean operatorRoute = template.startsWith("/api/v1/admin/");
            // The catalog is public; a waiting room's place is read with its token, the
            // credential itself.
            if (!(template.contains("{") || operatorRoute) || template.startsWith("/api/v1/products")
                    || template.startsWith("/api/v1/queue/")) {
                continue;
            }
            for (var operation : path.getValue().entrySet()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                HttpMethod method = HttpMethod.valueOf(operation.getKey().toUpperCase());
                String name = method + " " + template;
                String uri = fill(template, ids, missing, name);
                boolean needsBody = ((Map<String, Object>) operation.getValue()).containsKey("requestBody");
                // Operator routes refuse a vendor before any body is read: any body will
                // do.
                Object body = bodies.getOrDefault(name, operatorRoute ? Map.of() : null);
                if (needsBody && body == null) {
                    missing.add(name + ": no body written down for it");
                    continue;
                }
                if (uri == null) {
                    continue;
                }
                for (Caller caller : operatorRoute ? List.of(vendor) : intruders) {
                    matrix.add(new Cell(name, caller.name(), call(method, uri, caller, needsBody ? body : null)));
                }
            }
        }

        write(matrix);
        assertThat(missing).as("operations this matrix cannot call yet").isEmpty();
        assertThat(matrix).as("the matrix covers the id-taking and operator routes").hasSizeGreaterThan(60);
        assertThat(matrix).allSatisfy(
                cell -> assertThat(REFUSED).as("%s as %s answered %d", cell.operation(), cell.caller(), cell.status())
                    .contains(cell.status()));
        // Nothing the intruders did changed the victim's order.
        client.get()
            .uri("/api/v1/orders/{id}", victimOrder.get("orderId"))
            .header("X-Order-Token", (String) victimOrder.get("orderToken"))
            .exchange()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("PAID");
    }

    private String token(Map<String, String> request) {
        return DemoTokensClient.token(client, request);
    }

    private static @Nullable String fill(String template, Map<String, String> ids, List<String> missing, String name) {
        String uri = template;
        while (uri.contains("{")) {
            String parameter = uri.substring(uri.indexOf('{') + 1, uri.indexOf('}'));
            String value = ids.get(parameter);
            if (value == null) {
                missing.add(name + ": no id written down for {" + parameter + "}");
                return null;
            }
            uri = uri.replace("{" + parameter + "}", value);
        }
        return uri;
    }

    private int call(HttpMethod method, String uri, Caller caller, @Nullable Object body) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(uri).headers(headers -> {
            if (caller.token() != null) {
                headers.setBearerAuth(caller.token());
            }
            caller.headers().forEach(headers::add);
            headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM));
        });
        var exchange = body == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        // A stream that opened would stay open: its status line is all that counts.
        var result = exchange.returnResult(String.class);
        result.getResponseBody().take(0).blockLast();
        return result.getStatus().value();
    }

    /** Valid bodies, so that only authorization can refuse them. */
    private static Map<String, Object> bodies(String sku) {
        Map<String, Object> bodies = new LinkedHashMap<>();
        bodies.put("POST /api/v1/carts/{cartId}/lines", Map.of("sku", sku, "quantity", 1));
        bodies.put("PUT /api/v1/carts/{cartId}/lines/{sku}", Map.of("quantity", 2));
        bodies.put("POST /api/v1/orders/{orderId}/payment/confirm", Map.of("paymentMethod", "pm_card_visa"));
        bodies.put("POST /api/v1/vendor/orders/{subOrderId}/ship", Map.of("carrier", "DHL", "trackingNumber", "1"));
        bodies.put("PUT /api/v1/vendor/members/{subject}", Map.of("role", "owner"));
        bodies.put("PUT /api/v1/vendor/products/{productId}",
                Map.of("name", "Taken over", "category", "home", "variants", List.of(Map.of("sku", sku, "name",
                        "Taken over", "onHand", 1, "prices", List.of(Map.of("amount", 1, "currency", "EUR"))))));
        bodies.put("PUT /api/v1/vendor/skus/{sku}/prices",
                Map.of("prices", List.of(Map.of("amount", 1, "currency", "EUR"))));
        bodies.put("PUT /api/v1/vendor/skus/{sku}/stock", Map.of("onHand", 0));
        bodies.put("PUT /api/v1/vendor/skus/{sku}/limits", Map.of("perBuyer", 1));
        return bodies;
    }

    private static void write(List<Cell> matrix) throws IOException {
        StringBuilder table = new StringBuilder("# Authorization matrix (AuthorizationMatrixIT)\n\n")
            .append("| operation | caller | status |\n|---|---|---|\n");
        matrix.forEach(cell -> table.append("| `")
            .append(cell.operation())
            .append("` | ")
            .append(cell.caller())
            .append(" | ")
            .append(cell.status())
            .append(" |\n"));
        Path report = Path.of("target", "authorization-matrix.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table);
        System.out.println(table);
    }

}
