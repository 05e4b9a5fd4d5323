package dev.surge.api.backoffice;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.surge.api.backoffice.VendorOnboardingIT.items;
import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators set commission rules; the rule in force when an order is placed is frozen on
 * each of its lines, and a sub-order's commission is the sum of its lines'.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class CommissionRulesIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Test
    void theMostSpecificRuleInForceIsFrozenOnEachLineOfTheNextCheckout() {
        var office = new BackOffice(client);
        var storefront = new Storefront(client, database);
        String kitchenSku = skuIn(DemoCatalog.NORDIC_GOODS, "kitchen");
        String homeSku = skuIn(DemoCatalog.NORDIC_GOODS, "home");

        Map<String, Object> rule = office.json(HttpMethod.POST, "/api/v1/admin/commission-rules", office.operator(),
                Map.of("vendorId", DemoCatalog.NORDIC_GOODS, "category", "kitchen", "rateBps", 500, "minimum",
                        List.of(Map.of("amount", 400, "currency", "EUR"))),
                201);

        Map<String, Object> order = checkout(storefront, kitchenSku, homeSku);
        List<Map<String, Object>> lines = lines((String) order.get("orderId"));
        Map<String, Object> kitchenLine = line(lines, kitchenSku);
        Map<String, Object> homeLine = line(lines, homeSku);
        long kitchenTotal = (Long) kitchenLine.get("line_total_minor");
        long homeTotal = (Long) homeLine.get("line_total_minor");
        assertThat(kitchenLine.get("commission_rule_id")).isEqualTo(UUID.fromString((String) rule.get("id")));
        assertThat(kitchenLine.get("commission_minor"))
            .isEqualTo(Math.min(kitchenTotal, Math.max(400, (kitchenTotal * 500 + 5_000) / 10_000)));
        // Nordic's own rate (12 %) for the rest.
        assertThat(homeLine.get("commission_minor")).isEqualTo((homeTotal * 1200 + 5_000) / 10_000);
        assertThat(subOrderCommission((String) order.get("orderId")))
            .isEqualTo((Long) kitchenLine.get("commission_minor") + (Long) homeLine.get("commission_minor"));

        // Ended, the rule no longer applies; the order placed keeps what it had.
        office.json(HttpMethod.DELETE, "/api/v1/admin/commission-rules/" + rule.get("id"), office.operator(), null,
                200);
        Map<String, Object> later = checkout(storefront, kitchenSku, homeSku);
        assertThat(line(lines((String) later.get("orderId")), kitchenSku).get("commission_minor"))
            .isEqualTo((kitchenTotal * 1200 + 5_000) / 10_000);
        assertThat(line(lines((String) order.get("orderId")), kitchenSku).get("commission_rule_id"))
            .isEqualTo(UUID.fromString((String) rule.get("id")));
    }

    @Test
    void aVendorsRateSetNowAppliesToTheNextCheckoutAndShowsOnTheVendor() {
        var office = new BackOffice(client);
        var storefront = new Storefront(client, database);
        String sku = skuIn(DemoCatalog.ATELIER_LUMIERE, "home");

        assertThat(office.json(HttpMethod.PUT, "/api/v1/admin/vendors/" + DemoCatalog.ATELIER_LUMIERE + "/commission",
                office.operator(), Map.of("rateBps", 2000), 200))
            .containsEntry("commission", Map.of("rateBps", 2000));

        Map<String, Object> order = checkout(storefront, sku);
        long total = (Long) line(lines((String) order.get("orderId")), sku).get("line_total_minor");
        assertThat(subOrderCommission((String) order.get("orderId"))).isEqualTo((total * 2000 + 5_000) / 10_000);
        assertThat(office.json(HttpMethod.GET, "/api/v1/vendor/profile",
                office.customer(DemoCatalog.ownerOf(DemoCatalog.ATELIER_LUMIERE)), null, 200))
            .containsEntry("commission", Map.of("rateBps", 2000));
    }

    @Test
    void refusesTwoRulesOfOneScopeInForceAtOnceAndBadRules() {
        var office = new BackOffice(client);
        String from = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> future = Map.of("category", "outdoors", "rateBps", 700, "effectiveFrom", from);

        office.json(HttpMethod.POST, "/api/v1/admin/commission-rules", office.operator(), future, 201);
        expectProblem(office.call(HttpMethod.POST, "/api/v1/admin/commission-rules", office.operator(), future), 409,
                "commission-rule-clash");
        expectProblem(office.call(HttpMethod.POST, "/api/v1/admin/commission-rules", office.operator(),
                Map.of("category", "gadgets", "rateBps", 700)), 400, "validation-failed")
            .jsonPath("$.errors[0].field")
            .isEqualTo("category");
        expectProblem(office.call(HttpMethod.POST, "/api/v1/admin/commission-rules", office.operator(),
                Map.of("rateBps", 700, "effectiveFrom", "2020-01-01T00:00:00Z")), 400, "validation-failed")
            .jsonPath("$.errors[0].field")
            .isEqualTo("effectiveFrom");
        expectProblem(
                office.call(HttpMethod.POST, "/api/v1/admin/commission-rules", office.operator(),
                        Map.of("rateBps", 10_001, "fixed", List.of(Map.of("amount", -5, "currency", "EUR")))),
                400, "validation-failed")
            .jsonPath("$.errors.length()")
            .isEqualTo(2);
        expectProblem(
                office.call(HttpMethod.POST, "/api/v1/admin/commission-rules", office.operator(),
                        Map.of("rateBps", 700, "minimum", List.of(Map.of("amount", 5, "currency", "JPY")))),
                400, "validation-failed");
        expectProblem(office.call(HttpMethod.POST, "/api/v1/admin/commission-rules", office.operator(),
                Map.of("vendorId", UUID.randomUUID().toString(), "rateBps", 700)), 404, "vendor-not-found");
        expectProblem(office.call(HttpMethod.DELETE, "/api/v1/admin/commission-rules/" + UUID.randomUUID(),
                office.operator(), null), 404, "commission-rule-not-found");
        expectProblem(office.call(HttpMethod.GET, "/api/v1/admin/commission-rules",
                office.customer(DemoCatalog.NORDIC_OWNER), null), 403, "forbidden");

        List<Map<String, Object>> rules = items(
                office.json(HttpMethod.GET, "/api/v1/admin/commission-rules", office.operator(), null, 200));
        assertThat(rules).extracting(rule -> rule.get("category")).contains("stationery", "apparel", "outdoors");
        assertThat(rules).filteredOn(rule -> rule.get("vendorId") == null && rule.get("category") == null)
            .extracting(rule -> rule.get("rateBps"))
            .containsExactly(1000);
    }

    private Map<String, Object> checkout(Storefront storefront, String... skus) {
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        for (String sku : skus) {
            storefront.addLine(cart, sku, 2).expectStatus().isOk();
        }
        return storefront.checkout(cart, UUID.randomUUID().toString())
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
    }

    private String skuIn(String vendor, String category) {
        return database.sql("""
                SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id
                JOIN prices pr ON pr.sku = v.sku AND pr.currency = 'EUR'
                JOIN stock_levels s ON s.sku = v.sku
                WHERE p.vendor_id = :vendor AND p.category = :category AND p.status = 'APPROVED'
                ORDER BY s.on_hand DESC, v.sku LIMIT 1
                """)
            .bind("vendor", UUID.fromString(vendor))
            .bind("category", category)
            .map(row -> row.get("sku", String.class))
            .one()
            .block();
    }

    private List<Map<String, Object>> lines(String orderId) {
        return database
            .sql("SELECT sku, line_total_minor, commission_minor, commission_rule_id FROM order_lines "
                    + "WHERE order_id = :id")
            .bind("id", UUID.fromString(orderId))
            .fetch()
            .all()
            .collectList()
            .block();
    }

    private static Map<String, Object> line(List<Map<String, Object>> lines, String sku) {
        return lines.stream().filter(line -> sku.equals(line.get("sku"))).findFirst().orElseThrow();
    }

    private long subOrderCommission(String orderId) {
        return database.sql("SELECT sum(commission_minor) FROM sub_orders WHERE order_id = :id")
            .bind("id", UUID.fromString(orderId))
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
    }

}
