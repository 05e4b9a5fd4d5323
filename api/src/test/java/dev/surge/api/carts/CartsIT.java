package dev.surge.api.carts;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.SurgeIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import java.util.UUID;
import dev.surge.checkout.port.StoredCart;
import dev.surge.checkout.port.Carts;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.Cart;
import reactor.core.scheduler.Schedulers;
import reactor.core.publisher.Flux;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Carts over HTTP: opened by guests (token) and customers (JWT), priced by the server
 * from the demo catalog on every answer, validated, claimed.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class CartsIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    Carts carts;

    @Test
    void opensAGuestCartAndHandsOutItsTokenOnce() {
        Map<String, Object> cart = createGuestCart("EUR", "DE");

        assertThat((String) cart.get("token")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(cart).containsEntry("currency", "EUR").containsEntry("country", "DE");
        assertThat((List<?>) cart.get("lines")).isEmpty();
        client.get()
            .uri("/api/v1/carts/{id}", cart.get("id"))
            .header("X-Cart-Token", (String) cart.get("token"))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.token")
            .doesNotExist()
            .jsonPath("$.totals.total.amount")
            .isEqualTo(0);
    }

    @Test
    void pricesLinesOnTheServerWithTaxPerLineAndShippingPerVendor() {
        Map<String, Object> cart = createGuestCart("EUR", "DE");
        Sku nordic = sku(DemoCatalog.NORDIC_GOODS, "EUR");
        Sku atelier = sku(DemoCatalog.ATELIER_LUMIERE, "EUR");

        addLine(cart, nordic.sku(), 2).expectStatus().isOk();
        addLine(cart, atelier.sku(), 3).expectStatus().isOk();
        Map<String, Object> priced = addLine(cart, nordic.sku(), 1).expectStatus()
            .isOk()
            .expectBody(MAP)
            .returnResult()
            .getResponseBody();

        long nordicNet = nordic.price() * 3;
        long atelierNet = atelier.price() * 3;
        long tax = halfUp(nordicNet * nordic.taxBps()) + halfUp(atelierNet * atelier.taxBps());
        long shipping = 495 + 690;
        assertThat(money(priced, "subtotal")).isEqualTo(nordicNet + atelierNet);
        assertThat(money(priced, "tax")).isEqualTo(tax);
        assertThat(money(priced, "shipping")).isEqualTo(shipping);
        assertThat(money(priced, "total")).isEqualTo(nordicNet + atelierNet + tax + shipping);
        assertThat((List<?>) priced.get("lines")).hasSize(2);
    }

    @Test
    void changesAndRemovesLines() {
        Map<String, Object> cart = createGuestCart("GBP", "GB");
        String sku = sku(DemoCatalog.BRICK_LANE_SUPPLY, "GBP").sku();
        addLine(cart, sku, 5).expectStatus().isOk();

        withToken(client.put().uri("/api/v1/carts/{id}/lines/{sku}", cart.get("id"), sku), cart)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("quantity", 2))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.lines[0].quantity")
            .isEqualTo(2);
        withToken(client.put().uri("/api/v1/carts/{id}/lines/{sku}", cart.get("id"), sku), cart)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("quantity", 0))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.lines")
            .isEmpty();
        addLine(cart, sku, 1).expectStatus().isOk();
        withToken(client.delete().uri("/api/v1/carts/{id}/lines/{sku}", cart.get("id"), sku), cart).exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.lines")
            .isEmpty();
    }

    @Test
    void refusesWhatIsNotForSaleOrOutOfBoundsAndChangesNothing() {
        Map<String, Object> cart = createGuestCart("EUR", "FR");
        String sku = sku(DemoCatalog.NORDIC_GOODS, "EUR").sku();
        addLine(cart, sku, 999).expectStatus().isOk();

        expectProblem(addLine(cart, sku, 1), 400, "validation-failed");
        expectProblem(addLine(cart, sku(DemoCatalog.ATELIER_LUMIERE, "EUR").sku(), 1000), 400, "validation-failed");
        expectProblem(addLine(cart, sku(DemoCatalog.ATELIER_LUMIERE, "EUR").sku(), 0), 400, "validation-failed");
        expectProblem(addLine(cart, "NO-SUCH-SKU", 1), 400, "validation-failed").jsonPath("$.errors[0].field")
            .isEqualTo("sku");
        expectProblem(addLine(cart, pendingVendorSku(), 1), 400, "validation-failed");
        expectProblem(addLine(cart, "lower case", 1), 400, "validation-failed");

        withToken(client.get().uri("/api/v1/carts/{id}", cart.get("id")), cart).exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.lines.length()")
            .isEqualTo(1)
            .jsonPath("$.lines[0].quantity")
            .isEqualTo(999);
    }

    @Test
    void capsACartAtAHundredLines() {
        Map<String, Object> cart = createGuestCart("EUR", "DE");
        List<String> skus = database
            .sql("SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id JOIN vendors ve ON "
                    + "ve.id = p.vendor_id JOIN prices pr ON pr.sku = v.sku AND pr.currency = 'EUR' "
                    + "WHERE p.status = 'APPROVED' AND ve.status = 'APPROVED' ORDER BY v.sku LIMIT 101")
            .map(row -> row.get(0, String.class))
            .all()
            .collectList()
            .block();
        skus.subList(0, 100).forEach(sku -> addLine(cart, sku, 1).expectStatus().isOk());

        expectProblem(addLine(cart, skus.get(100), 1), 400, "validation-failed").jsonPath("$.errors[0].field")
            .isEqualTo("lines");
    }

    @Test
    void validatesCurrencyAndCountryWhenOpening() {
        expectProblem(open(Map.of("currency", "JPY", "country", "DE")), 400, "unknown-currency");
        expectProblem(open(Map.of("currency", "EUR", "country", "XX")), 400, "validation-failed");
        expectProblem(open(Map.of("currency", "EUR", "country", "JP")), 400, "validation-failed");
        expectProblem(open(Map.of("currency", "EUR")), 400, "validation-failed");
    }

    @Test
    void hidesACartFromAnyoneWithoutItsTokenOrOwner() {
        Map<String, Object> cart = createGuestCart("EUR", "DE");

        expectProblem(client.get().uri("/api/v1/carts/{id}", cart.get("id")).exchange(), 404, "cart-not-found");
        expectProblem(client.get().uri("/api/v1/carts/{id}", cart.get("id")).header("X-Cart-Token", "guess").exchange(),
                404, "cart-not-found");
        expectProblem(client.get()
            .uri("/api/v1/carts/{id}", cart.get("id"))
            .headers(headers -> headers.setBearerAuth(customer("mallory")))
            .exchange(), 404, "cart-not-found");
        expectProblem(
                addLine(Map.of("id", cart.get("id"), "token", "guess"), sku(DemoCatalog.NORDIC_GOODS, "EUR").sku(), 1),
                404, "cart-not-found");
    }

    @Test
    void givesACustomersCartToTheCustomerOnly() {
        String ada = customer("ada");
        Map<String, Object> cart = client.post()
            .uri("/api/v1/carts")
            .headers(headers -> headers.setBearerAuth(ada))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("currency", "USD", "country", "US"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(MAP)
            .returnResult()
            .getResponseBody();

        assertThat(cart).doesNotContainKey("token");
        client.get()
            .uri("/api/v1/carts/{id}", cart.get("id"))
            .headers(headers -> headers.setBearerAuth(ada))
            .exchange()
            .expectStatus()
            .isOk();
        expectProblem(client.get()
            .uri("/api/v1/carts/{id}", cart.get("id"))
            .headers(headers -> headers.setBearerAuth(customer("bob")))
            .exchange(), 404, "cart-not-found");
    }

    @Test
    void mergesAGuestCartIntoTheCustomersCartWhenClaimed() {
        String grace = customer("grace");
        String shared = sku(DemoCatalog.NORDIC_GOODS, "EUR").sku();
        String guestOnly = sku(DemoCatalog.ATELIER_LUMIERE, "EUR").sku();
        Map<String, Object> mine = client.post()
            .uri("/api/v1/carts")
            .headers(headers -> headers.setBearerAuth(grace))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("currency", "EUR", "country", "DE"))
            .exchange()
            .expectBody(MAP)
            .returnResult()
            .getResponseBody();
        client.post()
            .uri("/api/v1/carts/{id}/lines", mine.get("id"))
            .headers(headers -> headers.setBearerAuth(grace))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("sku", shared, "quantity", 600))
            .exchange()
            .expectStatus()
            .isOk();
        Map<String, Object> guest = createGuestCart("EUR", "DE");
        addLine(guest, shared, 500).expectStatus().isOk();
        addLine(guest, guestOnly, 2).expectStatus().isOk();

        client.post()
            .uri("/api/v1/carts/{id}/claim", guest.get("id"))
            .header("X-Cart-Token", (String) guest.get("token"))
            .headers(headers -> headers.setBearerAuth(grace))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.id")
            .isEqualTo(mine.get("id"))
            .jsonPath("$.lines[0].sku")
            .isEqualTo(shared)
            .jsonPath("$.lines[0].quantity")
            .isEqualTo(999)
            .jsonPath("$.lines[1].sku")
            .isEqualTo(guestOnly)
            .jsonPath("$.lines[1].quantity")
            .isEqualTo(2);
        expectProblem(withToken(client.get().uri("/api/v1/carts/{id}", guest.get("id")), guest).exchange(), 404,
                "cart-not-found");
    }

    @Test
    void mergesAGuestCartOnceWhenClaimsRace() {
        String ada = customer("ada-two-tabs");
        String sku = sku(DemoCatalog.NORDIC_GOODS, "EUR").sku();
        Map<String, Object> guest = createGuestCart("EUR", "DE");
        addLine(guest, sku, 2).expectStatus().isOk();

        // Ten sign-ins with the same guest cart at once (blocking calls, on threads of
        // their own).
        List<EntityExchangeResult<Map<String, Object>>> claims = Flux.range(0, 10)
            .parallel(10)
            .runOn(Schedulers.boundedElastic())
            .map(i -> client.post()
                .uri("/api/v1/carts/{id}/claim", guest.get("id"))
                .header("X-Cart-Token", (String) guest.get("token"))
                .headers(headers -> headers.setBearerAuth(ada))
                .exchange()
                .expectBody(MAP)
                .returnResult())
            .sequential()
            .collectList()
            .block();

        // Each claim gets the customer's cart, or 404 once the guest cart is gone.
        assertThat(claims).extracting(claim -> claim.getStatus().value())
            .allMatch(status -> status == 200 || status == 404)
            .contains(200);
        String mine = claims.stream()
            .filter(claim -> claim.getStatus().value() == 200)
            .map(claim -> (String) claim.getResponseBody().get("id"))
            .findFirst()
            .orElseThrow();
        client.get()
            .uri("/api/v1/carts/{id}", mine)
            .headers(headers -> headers.setBearerAuth(ada))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.lines.length()")
            .isEqualTo(1)
            .jsonPath("$.lines[0].quantity")
            .isEqualTo(2);
    }

    @Test
    void mergesAGuestCartOnceEvenWhenASecondClaimReadTheCustomersCartAfterTheFirstMerge() {
        String sku = sku(DemoCatalog.NORDIC_GOODS, "EUR").sku();
        Map<String, Object> guestJson = createGuestCart("EUR", "DE");
        addLine(guestJson, sku, 2).expectStatus().isOk();
        CartId guestId = new CartId(UUID.fromString((String) guestJson.get("id")));
        Cart guest = carts.find(guestId).block().cart();
        CartId mineId = new CartId(UUID.randomUUID());
        carts.create(Cart.empty(mineId, guest.currency(), guest.country(), new CustomerId("grace-two-tabs")), null)
            .block();

        // The first claim merges; the second read the customer's cart only after that
        // (so its version check passes) but still holds the guest cart it read before.
        StoredCart readByFirst = carts.find(mineId).block();
        carts.saveMerge(readByFirst, readByFirst.cart().merge(guest), guestId).block();
        StoredCart readBySecond = carts.find(mineId).block();
        StoredCart afterSecond = carts.saveMerge(readBySecond, readBySecond.cart().merge(guest), guestId).block();

        assertThat(afterSecond.cart().lines()).singleElement()
            .satisfies(line -> assertThat(line.quantity()).as("units after two merges of one guest cart").isEqualTo(2));
        assertThat(afterSecond.version()).isEqualTo(readBySecond.version());
    }

    private static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> MAP = new org.springframework.core.ParameterizedTypeReference<>() {
    };

    private record Sku(String sku, long price, int taxBps) {
    }

    /** A SKU of the vendor priced in the currency, with its price and German tax rate. */
    private Sku sku(String vendorId, String currency) {
        return database
            .sql("SELECT v.sku, pr.amount_minor, t.rate_bps FROM variants v JOIN products p ON p.id = v.product_id "
                    + "JOIN prices pr ON pr.sku = v.sku AND pr.currency = :currency "
                    + "JOIN tax_rates t ON t.country = 'DE' AND t.tax_class = v.tax_class "
                    + "WHERE p.vendor_id = :vendor AND p.status = 'APPROVED' ORDER BY v.sku LIMIT 1")
            .bind("currency", currency)
            .bind("vendor", java.util.UUID.fromString(vendorId))
            .map(row -> new Sku(row.get(0, String.class), row.get(1, Long.class), row.get(2, Integer.class)))
            .one()
            .block();
    }

    private String pendingVendorSku() {
        return database.sql(
                "SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id WHERE p.vendor_id = :vendor LIMIT 1")
            .bind("vendor", java.util.UUID.fromString(DemoCatalog.SUNSET_OUTLET))
            .map(row -> row.get(0, String.class))
            .one()
            .block();
    }

    private static long halfUp(long scaledByTenThousand) {
        return (scaledByTenThousand + 5_000) / 10_000;
    }

    @SuppressWarnings("unchecked")
    private static long money(Map<String, Object> cart, String total) {
        Map<String, Object> totals = (Map<String, Object>) cart.get("totals");
        return ((Number) ((Map<String, Object>) totals.get(total)).get("amount")).longValue();
    }

    private Map<String, Object> createGuestCart(String currency, String country) {
        return open(Map.of("currency", currency, "country", country)).expectStatus()
            .isCreated()
            .expectBody(MAP)
            .returnResult()
            .getResponseBody();
    }

    private WebTestClient.ResponseSpec open(Map<String, String> body) {
        return client.post().uri("/api/v1/carts").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec addLine(Map<String, Object> cart, String sku, int quantity) {
        return withToken(client.post().uri("/api/v1/carts/{id}/lines", cart.get("id")), cart)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("sku", sku, "quantity", quantity))
            .exchange();
    }

    private static <S extends WebTestClient.RequestHeadersSpec<?>> S withToken(S request, Map<String, Object> cart) {
        request.header("X-Cart-Token", (String) cart.get("token"));
        return request;
    }

    private String customer(String subject) {
        return DemoTokensClient.token(client, Map.of("role", "customer", "subject", subject));
    }

}
