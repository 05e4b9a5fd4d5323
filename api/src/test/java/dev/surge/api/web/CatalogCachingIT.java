package dev.surge.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Catalog answers a CDN may keep: public with a short max-age and a stale window, a
 * strong ETag that revalidates to {@code 304} while nothing changed and to the new answer
 * as soon as a price or a stock level did; stock levels shown at most a second old;
 * errors never cacheable.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(properties = { "surge.catalog.availability-max-age=1s", "surge.catalog.cache-max-age=1s",
        "surge.catalog.cache-stale-while-revalidate=4s" })
class CatalogCachingIT {

    /** The shown level's bound plus room for a loaded CI machine. */
    private static final Duration LEVEL_BOUND_WITH_SLACK = Duration.ofSeconds(4);

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    CatalogProperties catalog;

    Storefront storefront;

    String sku;

    String productPage;

    @BeforeEach
    void setUp() {
        storefront = new Storefront(client, database);
        sku = storefront.mostStocked(DemoCatalog.ATELIER_LUMIERE, "EUR");
        productPage = "/api/v1/products/" + storefront.productOf(sku) + "?currency=EUR";
    }

    @Test
    void productAndListPagesAreCacheableAndRevalidateToNotModified() {
        for (String page : new String[] { productPage, "/api/v1/products?currency=EUR&limit=5" }) {
            EntityExchangeResult<byte[]> first = get(page, null);
            HttpHeaders headers = first.getResponseHeaders();
            assertThat(headers.getCacheControl()).contains("public", "max-age=1", "stale-while-revalidate=4")
                .doesNotContain("no-store", "no-cache");
            String etag = headers.getETag();
            assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

            EntityExchangeResult<byte[]> again = get(page, etag);
            assertThat(again.getStatus().value()).isEqualTo(304);
            assertThat(again.getResponseBody()).isNullOrEmpty();
            assertThat(again.getResponseHeaders().getETag()).isEqualTo(etag);
            assertThat(again.getResponseHeaders().getCacheControl()).contains("max-age=1");
        }
    }

    @Test
    void aPriceChangeRevalidatesToTheNewPriceAtOnce() {
        String etag = get(productPage, null).getResponseHeaders().getETag();
        long price = ((Number) ((Map<?, ?>) storefront.shownVariant(sku, "EUR").get("price")).get("amount"))
            .longValue();

        database.sql("UPDATE prices SET amount_minor = :minor WHERE sku = :sku AND currency = 'EUR'")
            .bind("minor", price + 300)
            .bind("sku", sku)
            .fetch()
            .rowsUpdated()
            .block();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            EntityExchangeResult<byte[]> revalidated = get(productPage, etag);
            assertThat(revalidated.getStatus().value()).isEqualTo(200);
            assertThat(revalidated.getResponseHeaders().getETag()).isNotEqualTo(etag);
            assertThat(new String(revalidated.getResponseBody())).contains("\"amount\":" + (price + 300));
        });
    }

    @Test
    void showsAStockLevelAtMostTheMaximumAgeOld() {
        assertThat(catalog.availabilityMaxAge()).isEqualTo(Duration.ofSeconds(1));
        int before = storefront.available(sku);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, sku, 2).expectStatus().isOk();

        storefront.checkout(cart, "caching-" + UUID.randomUUID()).expectStatus().isCreated();

        // Served from memory until the level is a second old, then read again.
        assertThat(storefront.available(sku)).isIn(before, before - 2);
        await().atMost(LEVEL_BOUND_WITH_SLACK)
            .pollInterval(Duration.ofMillis(100))
            .untilAsserted(() -> assertThat(storefront.available(sku)).isEqualTo(before - 2));
    }

    @Test
    void problemAnswersAreNeverCached() {
        EntityExchangeResult<byte[]> missing = get("/api/v1/products/" + UUID.randomUUID(), null);

        assertThat(missing.getStatus().value()).isEqualTo(404);
        assertThat(missing.getResponseHeaders().getCacheControl()).contains("no-store");
        assertThat(missing.getResponseHeaders().getETag()).isNull();
    }

    private EntityExchangeResult<byte[]> get(String uri, String ifNoneMatch) {
        return client.get().uri(uri).headers(headers -> {
            if (ifNoneMatch != null) {
                headers.setIfNoneMatch(ifNoneMatch);
            }
        }).exchange().expectBody().returnResult();
    }

}
