package dev.surge.api.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faceted search over HTTP on the demo catalog: stemmed words, typos, filters, facet
 * counts over the whole result, sorts, and cursors that walk every result exactly once.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@SuppressWarnings("unchecked")
class ProductSearchIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Test
    void findsProductsByStemmedWordsBestMatchFirst() {
        List<Map<String, Object>> mugs = items(get("/api/v1/products?q=mugs&limit=100"));

        assertThat(mugs).isNotEmpty().allSatisfy(product -> assertThat((String) product.get("name")).contains("Mug"));
        assertThat(items(get("/api/v1/products?q=mug&limit=100"))).hasSameSizeAs(mugs);
        assertThat(items(get("/api/v1/products?q=hammock"))).isNotEmpty();
    }

    @Test
    void fallsBackToTheNearestNamesForATypo() {
        assertThat(items(get("/api/v1/products?q=hamock"))).isNotEmpty()
            .allSatisfy(product -> assertThat((String) product.get("name")).contains("Hammock"));
    }

    @Test
    void countsFacetsOverTheWholeResultNotThePage() {
        Map<String, Object> page = get("/api/v1/products?category=kitchen&facets=true&limit=2");
        Map<String, Object> facets = (Map<String, Object>) page.get("facets");
        long total = items(get("/api/v1/products?category=kitchen&sort=name&limit=100")).size();

        assertThat(items(page)).hasSize(2);
        assertThat(counts(facets.get("category"))).containsExactly(Map.entry("kitchen", total));
        assertThat(sum(facets.get("vendor"))).isEqualTo(total);
        assertThat(((List<Map<String, Object>>) facets.get("vendor")))
            .allSatisfy(vendor -> assertThat(vendor).containsKey("label"));
        assertThat(sum(facets.get("price"))).isEqualTo(total);
        Map<String, Object> attributes = (Map<String, Object>) facets.get("attributes");
        assertThat(attributes).containsKeys("color", "material");
        assertThat(sum(attributes.get("color"))).isEqualTo(total);
    }

    @Test
    void aSuspendedVendorsProductsAreNeitherFoundNorCounted() {
        Map<String, Object> before = (Map<String, Object>) get("/api/v1/products?category=kitchen&facets=true")
            .get("facets");
        assertThat(counts(before.get("vendor"))).extracting(Map.Entry::getKey).contains(DemoCatalog.ATELIER_LUMIERE);
        setStatus(DemoCatalog.ATELIER_LUMIERE, "SUSPENDED");
        try {
            Map<String, Object> page = get("/api/v1/products?category=kitchen&facets=true&limit=100");
            Map<String, Object> facets = (Map<String, Object>) page.get("facets");

            assertThat(items(page)).isNotEmpty()
                .allSatisfy(product -> assertThat(product.get("vendorId")).isNotEqualTo(DemoCatalog.ATELIER_LUMIERE));
            assertThat(counts(facets.get("vendor"))).extracting(Map.Entry::getKey)
                .doesNotContain(DemoCatalog.ATELIER_LUMIERE);
            assertThat(sum(facets.get("category"))).isEqualTo(items(page).size());
        }
        finally {
            setStatus(DemoCatalog.ATELIER_LUMIERE, "APPROVED");
        }
    }

    private void setStatus(String vendor, String status) {
        database
            .sql("UPDATE vendors SET status = :status, status_reason = CASE WHEN :status = 'SUSPENDED' "
                    + "THEN 'test' END WHERE id = :id")
            .bind("status", status)
            .bind("id", UUID.fromString(vendor))
            .then()
            .block();
    }

    @Test
    void filtersByPriceRangeAttributesAndVendor() {
        String nordicBlue = "/api/v1/products?attr.color=blue&vendorId=" + DemoCatalog.NORDIC_GOODS + "&limit=100";
        List<Map<String, Object>> blue = items(get(nordicBlue));
        assertThat(blue).hasSizeGreaterThan(1).allSatisfy(product -> {
            assertThat(product.get("vendorId")).isEqualTo(DemoCatalog.NORDIC_GOODS);
            assertThat(attribute((String) product.get("id"), "color")).isEqualTo("blue");
        });
        long dearest = blue.stream().mapToLong(ProductSearchIT::lowestPrice).max().orElseThrow();
        long cheapest = blue.stream().mapToLong(ProductSearchIT::lowestPrice).min().orElseThrow();

        List<Map<String, Object>> cheaper = items(get(nordicBlue + "&maxPrice=" + (dearest - 1)));
        List<Map<String, Object>> dearer = items(get(nordicBlue + "&minPrice=" + (cheapest + 1)));

        assertThat(cheaper).isNotEmpty()
            .hasSizeLessThan(blue.size())
            .allSatisfy(product -> assertThat(lowestPrice(product)).isLessThan(dearest));
        assertThat(dearer).isNotEmpty()
            .hasSizeLessThan(blue.size())
            .allSatisfy(product -> assertThat(lowestPrice(product)).isGreaterThan(cheapest));
        assertThat(items(get("/api/v1/products?minPrice=1000000"))).isEmpty();
    }

    @Test
    void walksEveryResultOnceInPriceOrderWithCursors() {
        List<Map<String, Object>> walked = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = get(
                    "/api/v1/products?sort=price&limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
            walked.addAll(items(page));
            cursor = (String) page.get("nextCursor");
        }
        while (cursor != null);

        assertThat(walked).hasSize(DemoCatalog.LISTED_PRODUCTS);
        assertThat(walked).extracting(product -> product.get("id")).doesNotHaveDuplicates();
        assertThat(walked).extracting(ProductSearchIT::lowestPrice).isSorted();
        List<Map<String, Object>> dearest = items(get("/api/v1/products?sort=-price&limit=3"));
        assertThat(lowestPrice(dearest.getFirst())).isEqualTo(lowestPrice(walked.getLast()));
    }

    @Test
    void leavesOutProductsOfVendorsThatAreNotApproved() {
        assertThat(items(get("/api/v1/products?facets=true&limit=100"))).extracting(product -> product.get("vendorId"))
            .doesNotContain(DemoCatalog.SUNSET_OUTLET);
    }

    @Test
    void answersProblemsForBadSearches() {
        expectProblem(client.get().uri("/api/v1/products?sort=cheapest").exchange(), 400, "validation-failed");
        expectProblem(client.get().uri("/api/v1/products?q=mug&cursor=bogus").exchange(), 400, "invalid-cursor");
        expectProblem(client.get().uri("/api/v1/products?minPrice=-1").exchange(), 400, "validation-failed");
        expectProblem(client.get().uri("/api/v1/products?q=mug&currency=JPY").exchange(), 400, "unknown-currency");
    }

    private Map<String, Object> get(String path) {
        return client.get()
            .uri(path)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
    }

    private @Nullable String attribute(String productId, String name) {
        return database.sql("SELECT attributes ->> :name FROM products WHERE id = :id")
            .bind("name", name)
            .bind("id", UUID.fromString(productId))
            .map(row -> row.get(0, String.class))
            .one()
            .block();
    }

    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static long lowestPrice(Map<String, Object> product) {
        return ((List<Map<String, Object>>) product.get("variants")).stream()
            .mapToLong(variant -> ((Number) ((Map<String, Object>) variant.get("price")).get("amount")).longValue())
            .min()
            .orElseThrow();
    }

    private static List<Map.Entry<String, Long>> counts(Object facet) {
        return ((List<Map<String, Object>>) facet).stream()
            .map(count -> Map.entry((String) count.get("value"), ((Number) count.get("count")).longValue()))
            .toList();
    }

    private static long sum(Object facet) {
        return ((List<Map<String, Object>>) facet).stream()
            .mapToLong(count -> ((Number) count.get("count")).longValue())
            .sum();
    }

}
