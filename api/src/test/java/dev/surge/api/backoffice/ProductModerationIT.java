package dev.surge.api.backoffice;

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
 * Products pass moderation over HTTP: invisible until approved, then purchasable; an edit
 * waits while the approved version sells, prices apply at once; a rejection shows its
 * reason to the vendor.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@SuppressWarnings("unchecked")
class ProductModerationIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Test
    void aNewProductIsInvisibleUntilApprovedThenPurchasable() {
        var office = new BackOffice(client);
        var storefront = new Storefront(client, database);
        String editor = office.customer(DemoCatalog.NORDIC_EDITOR);

        Map<String, Object> created = office.json(HttpMethod.POST, "/api/v1/vendor/products", editor,
                product("Fjord Mug", "kitchen", "MOD-MUG-1", "MOD-MUG-2"), 201);
        String productId = (String) created.get("productId");
        assertThat(created).containsEntry("status", "PENDING_APPROVAL")
            .containsEntry("vendorId", DemoCatalog.NORDIC_GOODS);

        client.get().uri("/api/v1/products/{id}", productId).exchange().expectStatus().isNotFound();
        expectProblem(storefront.addLine(storefront.guestCart("EUR", "DE"), "MOD-MUG-1", 1), 400, "validation-failed");
        assertThat(items(office.json(HttpMethod.GET, "/api/v1/admin/products", office.operator(), null, 200)))
            .extracting(item -> item.get("productId"))
            .contains(productId);

        assertThat(office.json(HttpMethod.POST, "/api/v1/admin/products/" + productId + "/approve", office.operator(),
                null, 200))
            .containsEntry("status", "APPROVED");

        client.get()
            .uri("/api/v1/products/{id}?currency=USD", productId)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.name")
            .isEqualTo("Fjord Mug")
            .jsonPath("$.variants[0].price.amount")
            .isEqualTo(1299)
            .jsonPath("$.variants[0].available")
            .isEqualTo(40);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, "MOD-MUG-2", 2).expectStatus().isOk();
        storefront.checkout(cart, UUID.randomUUID().toString()).expectStatus().isCreated();
        assertThat(storefront.available("MOD-MUG-2")).isEqualTo(38);
    }

    @Test
    void anEditOfAnApprovedProductWaitsWhileTheApprovedVersionSellsAndItsPricesApplyAtOnce() {
        var office = new BackOffice(client);
        String editor = office.customer(DemoCatalog.NORDIC_EDITOR);
        String productId = approved(office, product("Birch Tray", "home", "MOD-TRAY-1"));

        Map<String, Object> edit = product("Birch Serving Tray", "home", "MOD-TRAY-1", "MOD-TRAY-2");
        setPrice(edit, 0, 1599);
        Map<String, Object> edited = office.json(HttpMethod.PUT, "/api/v1/vendor/products/" + productId, editor, edit,
                200);
        assertThat(edited).containsEntry("status", "APPROVED").containsEntry("name", "Birch Tray");
        assertThat((Map<Object, Object>) edited.get("pendingChange")).containsEntry("name", "Birch Serving Tray");

        // The approved version sells, at the new price; the new variant waits with the
        // rest.
        client.get()
            .uri("/api/v1/products/{id}", productId)
            .exchange()
            .expectBody()
            .jsonPath("$.name")
            .isEqualTo("Birch Tray")
            .jsonPath("$.variants.length()")
            .isEqualTo(1)
            .jsonPath("$.variants[0].price.amount")
            .isEqualTo(1599);

        Map<String, Object> rejected = office.json(HttpMethod.POST, "/api/v1/admin/products/" + productId + "/reject",
                office.operator(), Map.of("reason", "The new name is misleading"), 200);
        assertThat(rejected).containsEntry("status", "APPROVED")
            .containsEntry("statusReason", "The new name is misleading")
            .containsEntry("pendingChange", null);
        assertThat(office.json(HttpMethod.GET, "/api/v1/vendor/products/" + productId, editor, null, 200))
            .containsEntry("statusReason", "The new name is misleading");

        office.json(HttpMethod.PUT, "/api/v1/vendor/products/" + productId, editor, edit, 200);
        office.json(HttpMethod.POST, "/api/v1/admin/products/" + productId + "/approve", office.operator(), null, 200);
        client.get()
            .uri("/api/v1/products/{id}", productId)
            .exchange()
            .expectBody()
            .jsonPath("$.name")
            .isEqualTo("Birch Serving Tray")
            .jsonPath("$.variants.length()")
            .isEqualTo(2);
    }

    @Test
    void aPriceChangeIsChargedFromTheNextCheckoutOn() {
        var office = new BackOffice(client);
        var storefront = new Storefront(client, database);
        String sku = storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR");
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, sku, 1).expectStatus().isOk();

        assertThat(office.json(HttpMethod.PUT, "/api/v1/vendor/skus/" + sku + "/prices",
                office.customer(DemoCatalog.NORDIC_EDITOR),
                Map.of("prices",
                        List.of(Map.of("amount", 777, "currency", "EUR"), Map.of("amount", 888, "currency", "USD"))),
                200))
            .containsEntry("sku", sku);

        // The cart shows the new price when read, and a checkout charges it.
        client.get()
            .uri("/api/v1/carts/{id}", cart.get("id"))
            .header("X-Cart-Token", (String) cart.get("token"))
            .exchange()
            .expectBody()
            .jsonPath("$.lines[0].unitPrice.amount")
            .isEqualTo(777);
        Map<String, Object> order = storefront.placed(cart);
        assertThat(database.sql("SELECT unit_price_minor FROM order_lines WHERE order_id = :id")
            .bind("id", UUID.fromString((String) order.get("orderId")))
            .map(row -> row.get(0, Long.class))
            .one()
            .block()).isEqualTo(777L);
        // GBP is no longer offered for it.
        expectProblem(storefront.addLine(storefront.guestCart("GBP", "GB"), sku, 1), 400, "validation-failed");
    }

    @Test
    void draftsRejectionsAndArchivesAreTheVendorsToSee() {
        var office = new BackOffice(client);
        String editor = office.customer(DemoCatalog.NORDIC_EDITOR);
        Map<String, Object> draftBody = product("Draft Lamp", "home", "MOD-LAMP-1");
        draftBody.put("submit", false);

        String draft = (String) office.json(HttpMethod.POST, "/api/v1/vendor/products", editor, draftBody, 201)
            .get("productId");
        expectProblem(
                office.call(HttpMethod.POST, "/api/v1/admin/products/" + draft + "/approve", office.operator(), null),
                409, "product-state-conflict");

        draftBody.put("submit", true);
        office.json(HttpMethod.PUT, "/api/v1/vendor/products/" + draft, editor, draftBody, 200);
        expectProblem(office.call(HttpMethod.POST, "/api/v1/admin/products/" + draft + "/reject", office.operator(),
                Map.of()), 400, "validation-failed");
        assertThat(office.json(HttpMethod.POST, "/api/v1/admin/products/" + draft + "/reject", office.operator(),
                Map.of("reason", "Photos missing"), 200))
            .containsEntry("status", "REJECTED")
            .containsEntry("statusReason", "Photos missing");
        assertThat(items(office.json(HttpMethod.GET, "/api/v1/vendor/products?status=REJECTED",
                office.customer(DemoCatalog.NORDIC_FULFILLMENT), null, 200)))
            .extracting(item -> item.get("productId"))
            .containsExactly(draft);

        String onSale = approved(office, product("Archived Vase", "home", "MOD-VASE-1"));
        assertThat(office.json(HttpMethod.DELETE, "/api/v1/vendor/products/" + onSale, editor, null, 200))
            .containsEntry("status", "ARCHIVED");
        client.get().uri("/api/v1/products/{id}", onSale).exchange().expectStatus().isNotFound();
        expectProblem(office.call(HttpMethod.PUT, "/api/v1/vendor/products/" + onSale, editor,
                product("Archived Vase", "home", "MOD-VASE-1")), 409, "product-state-conflict");
        // Another vendor's product is nobody's business.
        expectProblem(
                office.call(HttpMethod.GET, "/api/v1/vendor/products/" + onSale,
                        office.customer(DemoCatalog.ownerOf(DemoCatalog.ATELIER_LUMIERE)), null),
                404, "product-not-found");
    }

    @Test
    void answersEveryBadFieldAndWritesNothing() {
        var office = new BackOffice(client);
        String editor = office.customer(DemoCatalog.NORDIC_EDITOR);
        long before = nordicProducts();

        Map<String, Object> bad = product("Broken", "kitchen", "MOD-BAD-1");
        bad.put("taxClass", "LUXURY");
        bad.put("variants", List.of(
                Map.of("sku", "bad sku", "name", "One", "prices", List.of(Map.of("amount", 100, "currency", "EUR")),
                        "onHand", 1),
                Map.of("sku", "MOD-BAD-2", "name", "Two", "prices",
                        List.of(Map.of("amount", -1, "currency", "EUR"), Map.of("amount", 5, "currency", "JPY")),
                        "onHand", -3)));
        expectProblem(office.call(HttpMethod.POST, "/api/v1/vendor/products", editor, bad), 400, "validation-failed")
            .jsonPath("$.errors[*].field")
            .value(fields -> assertThat((List<Object>) fields).contains("variants[1].prices[0].amount",
                    "variants[1].onHand"));
        expectProblem(office.call(HttpMethod.POST, "/api/v1/vendor/products", editor,
                product("Unfiled", "gadgets", "MOD-BAD-3")), 400, "validation-failed")
            .jsonPath("$.errors[0].field")
            .isEqualTo("category");
        Map<String, Object> badDomain = product("Odd", "kitchen", "MOD-BAD-4");
        badDomain.put("taxClass", "LUXURY");
        badDomain.put("variants", List.of(Map.of("sku", "bad sku", "name", "One", "prices",
                List.of(Map.of("amount", 100, "currency", "JPY")), "onHand", 1)));
        expectProblem(office.call(HttpMethod.POST, "/api/v1/vendor/products", editor, badDomain), 400,
                "validation-failed")
            .jsonPath("$.errors[*].field")
            .value(fields -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("taxClass", "variants[0].sku",
                    "variants[0].prices[0].currency"));
        // SKUs are unique across the marketplace.
        expectProblem(office.call(HttpMethod.POST, "/api/v1/vendor/products", editor,
                product("Copy", "kitchen", "MOD-OWN-1", "SRG-002-1")), 409, "sku-taken")
            .jsonPath("$.skus[0]")
            .isEqualTo("SRG-002-1");

        assertThat(nordicProducts()).isEqualTo(before);
        assertThat(database.sql("SELECT count(*) FROM variants WHERE sku LIKE 'MOD-BAD-%' OR sku = 'MOD-OWN-1'")
            .map(row -> row.get(0, Long.class))
            .one()
            .block()).isZero();
    }

    @Test
    void theOperatorActsInBulkEachItemOnItsOwnAndLetsAVendorThroughWithoutReview() {
        var office = new BackOffice(client);
        String editor = office.customer(DemoCatalog.NORDIC_EDITOR);
        String first = (String) office
            .json(HttpMethod.POST, "/api/v1/vendor/products", editor, product("Bulk One", "home", "MOD-BULK-1"), 201)
            .get("productId");
        String second = (String) office
            .json(HttpMethod.POST, "/api/v1/vendor/products", editor, product("Bulk Two", "home", "MOD-BULK-2"), 201)
            .get("productId");
        Map<String, Object> draftBody = product("Bulk Draft", "home", "MOD-BULK-3");
        draftBody.put("submit", false);
        String draft = (String) office.json(HttpMethod.POST, "/api/v1/vendor/products", editor, draftBody, 201)
            .get("productId");
        String unknown = UUID.randomUUID().toString();

        List<Map<String, Object>> results = results(
                office.json(HttpMethod.POST, "/api/v1/admin/products/bulk", office.operator(),
                        Map.of("action", "approve", "productIds", List.of(first, unknown, draft, second)), 200));
        assertThat(results).hasSize(4);
        assertThat(results.get(0)).isEqualTo(Map.of("productId", first, "status", "APPROVED"));
        assertThat(results.get(3)).isEqualTo(Map.of("productId", second, "status", "APPROVED"));
        assertThat((Map<Object, Object>) results.get(1).get("problem")).containsEntry("status", 404);
        assertThat((Map<Object, Object>) results.get(2).get("problem")).containsEntry("status", 409)
            .containsEntry("productStatus", "DRAFT");

        office.json(HttpMethod.PUT, "/api/v1/admin/vendors/" + DemoCatalog.NORDIC_GOODS + "/moderation",
                office.operator(), Map.of("autoApproveProducts", true), 200);
        Map<String, Object> auto = office.json(HttpMethod.POST, "/api/v1/vendor/products", editor,
                product("Straight Through", "home", "MOD-AUTO-1"), 201);
        assertThat(auto).containsEntry("status", "APPROVED");
        client.get().uri("/api/v1/products/{id}", auto.get("productId")).exchange().expectStatus().isOk();
        office.json(HttpMethod.PUT, "/api/v1/admin/vendors/" + DemoCatalog.NORDIC_GOODS + "/moderation",
                office.operator(), Map.of("autoApproveProducts", false), 200);

        List<Map<String, Object>> audit = items(office.json(HttpMethod.GET,
                "/api/v1/admin/audit?target=product:" + first, office.operator(), null, 200));
        assertThat(audit).extracting(entry -> entry.get("action"))
            .containsExactly("product.approved", "product.created");
    }

    private String approved(BackOffice office, Map<String, Object> body) {
        String productId = (String) office
            .json(HttpMethod.POST, "/api/v1/vendor/products", office.customer(DemoCatalog.NORDIC_EDITOR), body, 201)
            .get("productId");
        office.json(HttpMethod.POST, "/api/v1/admin/products/" + productId + "/approve", office.operator(), null, 200);
        return productId;
    }

    private long nordicProducts() {
        return database.sql("SELECT count(*) FROM products WHERE vendor_id = :vendor")
            .bind("vendor", UUID.fromString(DemoCatalog.NORDIC_GOODS))
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
    }

    /** A product body: one variant per SKU, priced in EUR and USD, 40 on hand each. */
    private static Map<String, Object> product(String name, String category, String... skus) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", name);
        body.put("description", "Made for moderation tests.");
        body.put("category", category);
        body.put("taxClass", "STANDARD");
        body.put("attributes", Map.of("color", "blue"));
        body.put("variants",
                java.util.Arrays.stream(skus)
                    .map(sku -> (Object) new java.util.HashMap<>(Map.of("sku", sku, "name", "Variant " + sku, "prices",
                            List.of(Map.of("amount", 1199, "currency", "EUR"),
                                    Map.of("amount", 1299, "currency", "USD")),
                            "onHand", 40)))
                    .toList());
        body.put("submit", true);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static void setPrice(Map<String, Object> body, int variant, long eur) {
        Map<String, Object> changed = ((List<Map<String, Object>>) body.get("variants")).get(variant);
        changed.put("prices",
                List.of(Map.of("amount", eur, "currency", "EUR"), Map.of("amount", 1299, "currency", "USD")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("results");
    }

}
