package dev.surge.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** What a storefront does over HTTP, for tests: open carts, fill them, check out, pay. */
public final class Storefront {

    public static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final WebTestClient client;

    private final DatabaseClient database;

    public Storefront(WebTestClient client, DatabaseClient database) {
        this.client = client;
        this.database = database;
    }

    /** A guest cart: {@code id} and {@code token} among its fields. */
    public Map<String, Object> guestCart(String currency, String country) {
        EntityExchangeResult<Map<String, Object>> created = createGuestCart(currency, country);
        assertThat(created.getStatus().value()).as("creating a cart").isEqualTo(201);
        return created.getResponseBody();
    }

    /** The answer to creating a guest cart, whatever it is. */
    public EntityExchangeResult<Map<String, Object>> createGuestCart(String currency, String country) {
        return client.post()
            .uri("/api/v1/carts")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("currency", currency, "country", country))
            .exchange()
            .expectBody(JSON)
            .returnResult();
    }

    /** A guest cart in euros for Germany with {@code quantity} of {@code sku}. */
    public Map<String, Object> guestCartWith(String sku, int quantity) {
        Map<String, Object> cart = guestCart("EUR", "DE");
        addLine(cart, sku, quantity).expectStatus().isOk();
        return cart;
    }

    /** Sets the quantity of the cart's line of {@code sku}. */
    public WebTestClient.ResponseSpec setQuantity(Map<String, Object> cart, String sku, int quantity) {
        return client.put()
            .uri("/api/v1/carts/{id}/lines/{sku}", cart.get("id"), sku)
            .header("X-Cart-Token", (String) cart.get("token"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("quantity", quantity))
            .exchange();
    }

    /** The cart as its guest reads it. */
    public WebTestClient.ResponseSpec show(Map<String, Object> cart) {
        return client.get()
            .uri("/api/v1/carts/{id}", cart.get("id"))
            .header("X-Cart-Token", (String) cart.get("token"))
            .exchange();
    }

    /**
     * Checks every cart out at once as the one guest {@code email}, each with a key of
     * its own; emits how many answers had each status.
     */
    public Map<Integer, Long> checkoutsAtOnce(List<Map<String, Object>> carts, String email) {
        return Flux.fromIterable(carts)
            .flatMap(cart -> Mono
                .fromCallable(() -> checkout(cart, UUID.randomUUID().toString(), email).returnResult(Void.class)
                    .getStatus()
                    .value())
                .subscribeOn(Schedulers.boundedElastic()), carts.size())
            .collect(Collectors.groupingBy(status -> status, HashMap::new, Collectors.counting()))
            .block(Duration.ofMinutes(1));
    }

    public WebTestClient.ResponseSpec addLine(Map<String, Object> cart, String sku, int quantity) {
        return client.post()
            .uri("/api/v1/carts/{id}/lines", cart.get("id"))
            .header("X-Cart-Token", (String) cart.get("token"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("sku", sku, "quantity", quantity))
            .exchange();
    }

    public WebTestClient.ResponseSpec checkout(Map<String, Object> cart, String idempotencyKey) {
        return checkout(cart, idempotencyKey, "ada@example.com");
    }

    public WebTestClient.ResponseSpec checkout(Map<String, Object> cart, String idempotencyKey, String email) {
        return client.post()
            .uri("/api/v1/checkouts")
            .header("Idempotency-Key", idempotencyKey)
            .header("X-Cart-Token", (String) cart.get("token"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("cartId", cart.get("id"), "email", email, "shippingAddress",
                    Map.of("name", "Ada Lovelace", "line1", "1 Main Street", "city", "Springfield", "country",
                            cart.get("country"))))
            .exchange();
    }

    /** Pays the order (from a checkout answer) server-side with the payment method. */
    public WebTestClient.ResponseSpec confirm(Map<String, Object> order, String paymentMethod) {
        return client.post()
            .uri("/api/v1/orders/{id}/payment/confirm", order.get("orderId"))
            .header("X-Order-Token", (String) order.get("orderToken"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("paymentMethod", paymentMethod))
            .exchange();
    }

    /**
     * A paid order (EUR, shipped to Germany) of one unit from each vendor, of its SKU
     * with the most stock: the checkout answer, with {@code orderId} and
     * {@code orderToken}.
     */
    public Map<String, Object> paidOrder(String... vendorIds) {
        Map<String, Object> order = placedOrder(vendorIds);
        confirm(order, "pm_card_visa").expectStatus().isOk();
        return order;
    }

    /** As {@link #paidOrder}, not paid yet. */
    public Map<String, Object> placedOrder(String... vendorIds) {
        Map<String, Object> cart = guestCart("EUR", "DE");
        for (String vendorId : vendorIds) {
            addLine(cart, mostStocked(vendorId, "EUR"), 1).expectStatus().isOk();
        }
        return placed(cart);
    }

    /** The cart checked out (a new idempotency key): the checkout answer. */
    public Map<String, Object> placed(Map<String, Object> cart) {
        return checkout(cart, "placed-" + UUID.randomUUID()).expectStatus()
            .isCreated()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody();
    }

    /** The vendor's SKU priced in the currency with the most units on hand. */
    public String mostStocked(String vendorId, String currency) {
        return database
            .sql("SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id "
                    + "JOIN prices pr ON pr.sku = v.sku AND pr.currency = :currency "
                    + "JOIN stock_levels s ON s.sku = v.sku "
                    + "WHERE p.vendor_id = :vendor AND p.status = 'APPROVED' ORDER BY s.on_hand DESC, v.sku LIMIT 1")
            .bind("currency", currency)
            .bind("vendor", UUID.fromString(vendorId))
            .map(row -> row.get(0, String.class))
            .one()
            .block();
    }

    /** A SKU of the vendor priced in the currency. */
    public String sku(String vendorId, String currency, int index) {
        return database
            .sql("SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id "
                    + "JOIN prices pr ON pr.sku = v.sku AND pr.currency = :currency "
                    + "WHERE p.vendor_id = :vendor AND p.status = 'APPROVED' ORDER BY v.sku OFFSET :index LIMIT 1")
            .bind("currency", currency)
            .bind("vendor", UUID.fromString(vendorId))
            .bind("index", index)
            .map(row -> row.get(0, String.class))
            .one()
            .block();
    }

    public int onHand(String sku) {
        return database.sql("SELECT on_hand FROM stock_levels WHERE sku = :sku")
            .bind("sku", sku)
            .map(row -> row.get(0, Integer.class))
            .one()
            .block();
    }

    /**
     * Units of the SKU for sale now (on hand minus live reservations), as the catalog
     * shows them.
     */
    public int available(String sku) {
        return ((Number) shownVariant(sku, "EUR").get("available")).intValue();
    }

    /** The SKU's variant as its product page shows it in {@code currency}. */
    public Map<String, Object> shownVariant(String sku, String currency) {
        Map<String, Object> product = client.get()
            .uri("/api/v1/products/{id}?currency={currency}", productOf(sku), currency)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody();
        @SuppressWarnings("unchecked")
        var variants = (java.util.List<Map<String, Object>>) product.get("variants");
        return variants.stream().filter(variant -> sku.equals(variant.get("sku"))).findFirst().orElseThrow();
    }

    /** The id of the product the SKU is a variant of. */
    public String productOf(String sku) {
        return database.sql("SELECT product_id::text FROM variants WHERE sku = :sku")
            .bind("sku", sku)
            .map(row -> row.get(0, String.class))
            .one()
            .block();
    }

}
