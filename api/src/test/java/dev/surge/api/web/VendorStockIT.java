package dev.surge.api.web;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.SurgeIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

@SurgeIntegrationTest
@ActiveProfiles("demo")
class VendorStockIT {

    /** A SKU of Nordic Goods in the demo catalog (product 1's first variant). */
    private static final String NORDIC_SKU = "SRG-001-1";

    /** A SKU of Atelier Lumiere (product 2). */
    private static final String ATELIER_SKU = "SRG-002-1";

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Test
    void setsTheStockOfTheVendorsOwnSkuInPostgresAndRedis() {
        client.put()
            .uri("/api/v1/vendor/skus/{sku}/stock", NORDIC_SKU)
            .headers(headers -> headers.setBearerAuth(vendorToken(DemoCatalog.NORDIC_GOODS)))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("onHand", 42))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.sku")
            .isEqualTo(NORDIC_SKU)
            .jsonPath("$.onHand")
            .isEqualTo(42)
            .jsonPath("$.available")
            .isEqualTo(42);

        assertThat(database.sql("SELECT on_hand FROM stock_levels WHERE sku = :sku")
            .bind("sku", NORDIC_SKU)
            .map(row -> row.get(0, Integer.class))
            .one()
            .block()).isEqualTo(42);
        client.get()
            .uri("/api/v1/products/8254e1f1-7392-c3b7-c56f-3bd4986acf09")
            .exchange()
            .expectBody()
            .jsonPath("$.variants[?(@.sku == '" + NORDIC_SKU + "')].available")
            .isEqualTo(java.util.List.of(42));
    }

    @Test
    void answersNotFoundForAnotherVendorsSkuAndChangesNothing() {
        Integer before = onHand(ATELIER_SKU);

        expectProblem(client.put()
            .uri("/api/v1/vendor/skus/{sku}/stock", ATELIER_SKU)
            .headers(headers -> headers.setBearerAuth(vendorToken(DemoCatalog.NORDIC_GOODS)))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("onHand", 0))
            .exchange(), 404, "sku-not-found");
        expectProblem(client.put()
            .uri("/api/v1/vendor/skus/{sku}/stock", "NO-SUCH-SKU")
            .headers(headers -> headers.setBearerAuth(vendorToken(DemoCatalog.NORDIC_GOODS)))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("onHand", 0))
            .exchange(), 404, "sku-not-found");
        assertThat(onHand(ATELIER_SKU)).isEqualTo(before);
    }

    @Test
    void rejectsInvalidCounts() {
        String token = vendorToken(DemoCatalog.NORDIC_GOODS);
        for (Object body : new Object[] { Map.of("onHand", -1), Map.of(), Map.of("onHand", 20_000_000) }) {
            expectProblem(client.put()
                .uri("/api/v1/vendor/skus/{sku}/stock", NORDIC_SKU)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange(), 400, "validation-failed").jsonPath("$.errors[0].field").isEqualTo("onHand");
        }
        expectProblem(client.put()
            .uri("/api/v1/vendor/skus/{sku}/stock", "bad sku")
            .headers(headers -> headers.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("onHand", 1))
            .exchange(), 400, "validation-failed");
    }

    @Test
    void isForVendorsOnly() {
        String customer = token(Map.of("role", "customer", "subject", "alice"));
        expectProblem(client.put()
            .uri("/api/v1/vendor/skus/{sku}/stock", NORDIC_SKU)
            .headers(headers -> headers.setBearerAuth(customer))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("onHand", 1))
            .exchange(), 403, "vendor-role-required");
        expectProblem(client.put()
            .uri("/api/v1/vendor/skus/{sku}/stock", NORDIC_SKU)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("onHand", 1))
            .exchange(), 401, "unauthorized");
    }

    private Integer onHand(String sku) {
        return database.sql("SELECT on_hand FROM stock_levels WHERE sku = :sku")
            .bind("sku", sku)
            .map(row -> row.get(0, Integer.class))
            .one()
            .block();
    }

    private String vendorToken(String vendorId) {
        return token(Map.of("role", "vendor", "subject", DemoCatalog.ownerOf(vendorId), "vendorId", vendorId));
    }

    private String token(Map<String, String> request) {
        return DemoTokensClient.token(client, request);
    }

}
