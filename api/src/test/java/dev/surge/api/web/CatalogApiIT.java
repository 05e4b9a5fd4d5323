package dev.surge.api.web;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.SurgeIntegrationTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

@SurgeIntegrationTest
@ActiveProfiles("demo")
class CatalogApiIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Test
    void listsTheApprovedProductsOfApprovedVendorsOnly() {
        ProductListJson page = list("/api/v1/products?limit=100");

        assertThat(page.items()).hasSize(DemoCatalog.LISTED_PRODUCTS);
        assertThat(page.nextCursor()).isNull();
        assertThat(page.items()).extracting(ProductJson::vendorId)
            .containsOnly(DemoCatalog.NORDIC_GOODS, DemoCatalog.ATELIER_LUMIERE, DemoCatalog.BRICK_LANE_SUPPLY);
        assertThat(page.items()).allSatisfy(product -> assertThat(product.variants()).hasSizeBetween(1, 4));
    }

    @Test
    void pagesThroughTheWholeCatalogByNameWithoutGapsOrRepeats() {
        List<ProductJson> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ProductListJson page = list("/api/v1/products?limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(7);
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        }
        while (cursor != null && pages < 20);

        assertThat(pages).isEqualTo((DemoCatalog.LISTED_PRODUCTS + 6) / 7);
        assertThat(seen).extracting(ProductJson::id).doesNotHaveDuplicates().hasSize(DemoCatalog.LISTED_PRODUCTS);
        assertThat(seen).isSortedAccordingTo(Comparator.comparing(ProductJson::name));
    }

    @Test
    void pricesEveryVariantInTheAskedCurrency() {
        for (String currency : List.of("EUR", "USD", "GBP")) {
            ProductListJson page = list("/api/v1/products?limit=100&currency=" + currency);

            assertThat(page.items()).hasSize(DemoCatalog.LISTED_PRODUCTS);
            assertThat(page.items()).flatExtracting(ProductJson::variants).allSatisfy(variant -> {
                assertThat(variant.price().currency()).isEqualTo(currency);
                assertThat(variant.price().amount()).isPositive();
            });
        }
    }

    @Test
    void defaultsToEuroAndAcceptsLowerCaseCodes() {
        assertThat(list("/api/v1/products?limit=1").items().getFirst().variants().getFirst().price().currency())
            .isEqualTo("EUR");
        assertThat(list("/api/v1/products?limit=1&currency=gbp").items()
            .getFirst()
            .variants()
            .getFirst()
            .price()
            .currency()).isEqualTo("GBP");
    }

    @Test
    void searchesNameDescriptionAndCategoryCaseInsensitively() {
        ProductListJson mugs = list("/api/v1/products?q=MUG&limit=100");

        assertThat(mugs.items()).isNotEmpty()
            .allSatisfy(product -> assertThat(product.name() + " " + product.description() + " " + product.category())
                .containsIgnoringCase("mug"));
        assertThat(list("/api/v1/products?q=stationery&limit=100").items()).hasSize(10);
    }

    @Test
    void treatsSearchTextLiterallyNotAsAPattern() {
        assertThat(list("/api/v1/products?q=%25&limit=100").items()).isEmpty();
        assertThat(list("/api/v1/products?q=_&limit=100").items()).isEmpty();
    }

    @Test
    void filtersByVendorAndCategory() {
        ProductListJson nordicKitchen = list(
                "/api/v1/products?vendorId=" + DemoCatalog.NORDIC_GOODS + "&category=Kitchen&limit=100");

        assertThat(nordicKitchen.items()).isNotEmpty().allSatisfy(product -> {
            assertThat(product.vendorId()).isEqualTo(DemoCatalog.NORDIC_GOODS);
            assertThat(product.category()).isEqualTo("kitchen");
        });
        assertThat(list("/api/v1/products?vendorId=" + DemoCatalog.SUNSET_OUTLET).items()).isEmpty();
    }

    @Test
    void showsAProductWithItsVariantsPricesAndStockOnHand() {
        ProductJson listed = list("/api/v1/products?limit=1&currency=USD").items().getFirst();

        ProductJson shown = client.get()
            .uri("/api/v1/products/{id}?currency=USD", listed.id())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(ProductJson.class)
            .returnResult()
            .getResponseBody();

        assertThat(shown).isEqualTo(listed);
        Map<String, Integer> onHand = onHand(shown.variants().stream().map(ProductJson.VariantJson::sku).toList());
        assertThat(shown.variants()).allSatisfy(variant -> {
            assertThat(variant.available()).isEqualTo(onHand.get(variant.sku()));
            assertThat(variant.available()).isBetween(5, 500);
        });
    }

    @Test
    void servesTheSameCatalogToEveryoneWithTheSecurityHeaders() {
        // Public and the same for everyone: a token, even one that would not verify,
        // changes nothing, and the answer still carries the security headers.
        for (String token : new String[] { null, "not.a.jwt" }) {
            client.get().uri("/api/v1/products?limit=1").headers(headers -> {
                if (token != null) {
                    headers.setBearerAuth(token);
                }
            })
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY");
        }
        client.post().uri("/api/v1/products").exchange().expectStatus().isEqualTo(405);
    }

    @Test
    void answersNotFoundForUnknownAndUnlistedProducts() {
        expectProblem(client.get().uri("/api/v1/products/00000000-0000-0000-0000-000000000000").exchange(), 404,
                "product-not-found")
            .jsonPath("$.productId")
            .isEqualTo("00000000-0000-0000-0000-000000000000");
        String pendingProduct = database.sql("SELECT id::text FROM products WHERE status = 'PENDING_APPROVAL'")
            .map(row -> row.get(0, String.class))
            .one()
            .block();
        String productOfPendingVendor = database
            .sql("SELECT id::text FROM products WHERE vendor_id = '" + DemoCatalog.SUNSET_OUTLET + "' LIMIT 1")
            .map(row -> row.get(0, String.class))
            .one()
            .block();
        expectProblem(client.get().uri("/api/v1/products/{id}", pendingProduct).exchange(), 404, "product-not-found");
        expectProblem(client.get().uri("/api/v1/products/{id}", productOfPendingVendor).exchange(), 404,
                "product-not-found");
    }

    @Test
    void rejectsAMalformedProductId() {
        expectProblem(client.get().uri("/api/v1/products/not-a-uuid").exchange(), 400, "validation-failed")
            .jsonPath("$.errors[0].field")
            .isEqualTo("productId")
            .jsonPath("$.errors[0].message")
            .isEqualTo("must be a valid UUID");
    }

    @Test
    void rejectsACurrencyTheCatalogIsNotSoldIn() {
        expectProblem(client.get().uri("/api/v1/products?currency=JPY").exchange(), 400, "unknown-currency")
            .jsonPath("$.supportedCurrencies")
            .isEqualTo(List.of("EUR", "USD", "GBP"));
        expectProblem(client.get().uri("/api/v1/products/{id}?currency=EURO", anyProductId()).exchange(), 400,
                "unknown-currency");
    }

    @Test
    void rejectsPageSizesOutsideOneToOneHundred() {
        expectProblem(client.get().uri("/api/v1/products?limit=101").exchange(), 400, "validation-failed")
            .jsonPath("$.errors[0].field")
            .isEqualTo("limit");
        expectProblem(client.get().uri("/api/v1/products?limit=0").exchange(), 400, "validation-failed");
        expectProblem(client.get().uri("/api/v1/products?limit=ten").exchange(), 400, "validation-failed")
            .jsonPath("$.errors[0].field")
            .isEqualTo("limit");
    }

    @Test
    void rejectsACursorItDidNotHandOut() {
        expectProblem(client.get().uri("/api/v1/products?cursor=bm90LWEtY3Vyc29y").exchange(), 400, "invalid-cursor");
        expectProblem(client.get().uri("/api/v1/products?cursor=***").exchange(), 400, "invalid-cursor");
    }

    @Test
    void answersMethodNotAllowedWithTheAllowedMethods() {
        expectProblem(client.post()
            .uri("/api/v1/products")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .expectHeader()
            .valueEquals("Allow", "GET"), 405, "method-not-allowed");
    }

    @Test
    void answersNotAcceptableForFormatsItDoesNotSpeak() {
        expectProblem(client.get()
            .uri("/api/v1/products")
            .accept(MediaType.APPLICATION_XML, MediaType.APPLICATION_PROBLEM_JSON)
            .exchange(), 406, "not-acceptable");
    }

    @Test
    void answersNotFoundForUnknownPaths() {
        expectProblem(client.get().uri("/api/v1/products/" + anyProductId() + "/reviews").exchange(), 404, "not-found");
    }

    private ProductListJson list(String uri) {
        return Objects.requireNonNull(client.get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody(ProductListJson.class)
            .returnResult()
            .getResponseBody());
    }

    private String anyProductId() {
        return list("/api/v1/products?limit=1").items().getFirst().id();
    }

    private Map<String, Integer> onHand(List<String> skus) {
        return database.sql("SELECT sku, on_hand FROM stock_levels WHERE sku = ANY(:skus)")
            .bind("skus", skus.toArray(String[]::new))
            .map(row -> Map.entry(row.get("sku", String.class), row.get("on_hand", Integer.class)))
            .all()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))
            .block();
    }

}
