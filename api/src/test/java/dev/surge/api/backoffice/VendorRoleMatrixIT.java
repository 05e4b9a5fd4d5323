package dev.surge.api.backoffice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.SurgeIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every vendor endpoint, called by each kind of caller: the answers API.md names. The
 * endpoints come from the application's own routes, so a new vendor endpoint fails this
 * test until its role is written down here.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class VendorRoleMatrixIT {

    /** Who may call each vendor endpoint: {@code null} means any member. */
    private static final Map<String, @Nullable String> NEEDS = needs();

    /**
     * The vendor endpoints an operator may also call, for any vendor (API.md: per-buyer
     * limits are the editor's or the operator's).
     */
    private static final Set<String> OPERATORS_TOO = Set.of("PUT /api/v1/vendor/skus/{sku}/limits");

    /** Placeholder values for path variables: resources that do not exist. */
    private static final Map<String, String> PATH_VALUES = Map.of("{subOrderId}",
            "00000000-0000-4000-8000-000000000000", "{productId}", "00000000-0000-4000-8000-000000000001", "{sku}",
            "NO-SUCH-SKU", "{subject}", "nobody");

    @Autowired
    WebTestClient client;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void everyVendorEndpointIsListedWithTheRoleItNeeds() {
        assertThat(vendorRoutes()).containsExactlyInAnyOrderElementsOf(NEEDS.keySet());
    }

    @Test
    void eachCallerGetsWhatItsRoleAllowsAndNoMore() {
        var office = new BackOffice(client);
        Map<String, String> members = Map.of("owner", DemoCatalog.NORDIC_OWNER, "editor", DemoCatalog.NORDIC_EDITOR,
                "fulfillment", DemoCatalog.NORDIC_FULFILLMENT);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, @Nullable String> route : NEEDS.entrySet()) {
            String[] methodAndPath = route.getKey().split(" ", 2);
            HttpMethod method = HttpMethod.valueOf(methodAndPath[0]);
            String path = PATH_VALUES.entrySet()
                .stream()
                .reduce(methodAndPath[1], (built, value) -> built.replace(value.getKey(), value.getValue()),
                        (a, b) -> b);
            Object body = method == HttpMethod.GET || method == HttpMethod.DELETE ? null : Map.of();
            String needed = route.getValue();
            members.forEach((role, subject) -> {
                boolean allowed = needed == null || role.equals("owner") || role.equals(needed);
                int status = status(office, method, path, office.customer(subject), body);
                if (allowed == (status == 403) || status == 401) {
                    wrong.add(route.getKey() + " as " + role + ": " + status);
                }
            });
            // Not a member of any vendor: a customer and an operator alike, unless
            // operators may act for any vendor there (then the placeholder is nobody's:
            // 404 or 400, never 403).
            int asCustomer = status(office, method, path, office.customer("alice"), body);
            if (asCustomer != 403) {
                wrong.add(route.getKey() + " as a non-member: " + asCustomer);
            }
            int asOperator = status(office, method, path, office.operator(), body);
            if (OPERATORS_TOO.contains(route.getKey()) == (asOperator == 403) || asOperator == 401) {
                wrong.add(route.getKey() + " as an operator: " + asOperator);
            }
            // A member of another vendor acts for that vendor: never 403, never our data
            // (the placeholder resources are nobody's, so 404, 400 or its own lists).
            int status = status(office, method, path,
                    office.customer(DemoCatalog.ownerOf(DemoCatalog.BRICK_LANE_SUPPLY)), body);
            if (status == 403 || status == 401) {
                wrong.add(route.getKey() + " as another vendor's owner: " + status);
            }
        }
        assertThat(wrong).isEmpty();
    }

    private int status(BackOffice office, HttpMethod method, String path, String token, @Nullable Object body) {
        if (path.endsWith("/stream")) {
            // A stream that is allowed stays open: its status line is all that counts.
            var result = client.method(method)
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .returnResult(String.class);
            result.getResponseBody().take(0).blockLast();
            return result.getStatus().value();
        }
        return office.call(method, path, token, body).expectBody().returnResult().getStatus().value();
    }

    private Set<String> vendorRoutes() {
        Set<String> routes = new TreeSet<>();
        handlers.getHandlerMethods()
            .forEach((mapping, handler) -> mapping.getPatternsCondition()
                .getPatterns()
                .stream()
                .map(Object::toString)
                .filter(pattern -> pattern.startsWith("/api/v1/vendor/"))
                .forEach(pattern -> mapping.getMethodsCondition()
                    .getMethods()
                    .forEach(method -> routes.add(method.name() + " " + pattern))));
        return routes;
    }

    private static Map<String, @Nullable String> needs() {
        Map<String, @Nullable String> needs = new LinkedHashMap<>();
        needs.put("GET /api/v1/vendor/profile", null);
        needs.put("GET /api/v1/vendor/members", "owner");
        needs.put("POST /api/v1/vendor/members", "owner");
        needs.put("PUT /api/v1/vendor/members/{subject}", "owner");
        needs.put("DELETE /api/v1/vendor/members/{subject}", "owner");
        needs.put("GET /api/v1/vendor/audit", "owner");
        needs.put("GET /api/v1/vendor/payouts", "owner");
        needs.put("POST /api/v1/vendor/payments/onboarding", "owner");
        needs.put("PUT /api/v1/vendor/skus/{sku}/stock", "editor");
        needs.put("PUT /api/v1/vendor/skus/{sku}/prices", "editor");
        needs.put("PUT /api/v1/vendor/skus/{sku}/limits", "editor");
        needs.put("GET /api/v1/vendor/products", null);
        needs.put("POST /api/v1/vendor/products", "editor");
        needs.put("GET /api/v1/vendor/products/{productId}", "editor");
        needs.put("PUT /api/v1/vendor/products/{productId}", "editor");
        needs.put("DELETE /api/v1/vendor/products/{productId}", "editor");
        needs.put("GET /api/v1/vendor/orders", "fulfillment");
        needs.put("GET /api/v1/vendor/orders/stream", "fulfillment");
        needs.put("POST /api/v1/vendor/orders/{subOrderId}/accept", "fulfillment");
        needs.put("POST /api/v1/vendor/orders/{subOrderId}/ship", "fulfillment");
        return needs;
    }

}
