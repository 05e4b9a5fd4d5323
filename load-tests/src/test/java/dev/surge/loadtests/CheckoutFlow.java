package dev.surge.loadtests;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

/**
 * The guest checkout as a storefront drives it, step by step, with the request names the
 * reports and assertions use. Each step keeps what the next needs in the session (cart id
 * and token, order id and token).
 */
final class CheckoutFlow {

    static final String CHECKOUT = "checkout";

    /** The checkout's route as Surge's metrics name it. */
    static final String CHECKOUT_ROUTE = "/api/v1/checkouts";

    static final String CREATE_CART = "create cart";

    // A buyer per journey, as on a real sale: one buyer may only have a few orders open
    // at once (surge.checkout.open-orders-per-buyer).
    private static final String CHECKOUT_BODY = """
            {"cartId":"#{cartId}","email":"load-#{cartId}@example.com",\
            "shippingAddress":{"name":"Load Test","city":"Berlin","country":"DE"}}""";

    private CheckoutFlow() {
    }

    static HttpProtocolBuilder protocol() {
        return http.baseUrl(Settings.baseUrl())
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .userAgentHeader("surge-load-tests");
    }

    /** A guest cart in euros, shipped to Germany. */
    static ChainBuilder createCart() {
        return exec(http(CREATE_CART).post("/api/v1/carts")
            .body(StringBody("{\"currency\":\"EUR\",\"country\":\"DE\"}"))
            .check(status().is(201), jsonPath("$.id").saveAs("cartId"), jsonPath("$.token").saveAs("cartToken")));
    }

    /** Adds each {@link Baskets.Line} of the session's {@code lines}. */
    static ChainBuilder addLines() {
        return foreach("#{lines}", "line").on(addLine(session -> session.<Baskets.Line>get("line").json()));
    }

    static ChainBuilder addLine(Function<Session, String> line) {
        return exec(http("add line").post("/api/v1/carts/#{cartId}/lines")
            .header("X-Cart-Token", "#{cartToken}")
            .body(StringBody(line))
            .check(status().is(200)));
    }

    /**
     * Checks the cart out under a fresh Idempotency-Key; a 201 keeps the order's id and
     * token. {@code refusalExpected} lets a 409 through as an outcome, not a failure.
     */
    static ChainBuilder checkout(boolean refusalExpected) {
        var request = http(CHECKOUT).post(CHECKOUT_ROUTE)
            .header("Idempotency-Key", session -> "load-" + UUID.randomUUID())
            .header("X-Cart-Token", "#{cartToken}")
            .body(StringBody(CHECKOUT_BODY));
        if (refusalExpected) {
            request = request
                .check(status().in(201, 409).saveAs("checkoutStatus"), responseTimeInMillis().saveAs("checkoutMillis"))
                .checkIf(session -> session.getInt("checkoutStatus") == 201)
                .then(jsonPath("$.orderId").saveAs("orderId"), jsonPath("$.orderToken").saveAs("orderToken"))
                .checkIf(session -> session.getInt("checkoutStatus") == 409)
                .then(jsonPath("$.type").transform(type -> type.endsWith("/insufficient-stock")).is(true));
        }
        else {
            request = request.check(status().is(201), jsonPath("$.orderId").saveAs("orderId"),
                    jsonPath("$.orderToken").saveAs("orderToken"), responseTimeInMillis().saveAs("checkoutMillis"));
        }
        return exec(request);
    }

    /**
     * A checkout in front of a waiting room: as {@link #checkout(boolean)} with refusals
     * expected, and {@code 429 queued} too (its token and admission kept in the session);
     * sends the session's {@code queueToken} when it has one.
     */
    static ChainBuilder queuedCheckout() {
        return exec(http(CHECKOUT).post(CHECKOUT_ROUTE)
            .header("Idempotency-Key", session -> "load-" + UUID.randomUUID())
            .header("X-Cart-Token", "#{cartToken}")
            .header("X-Queue-Token", session -> session.contains("queueToken") ? session.getString("queueToken") : "")
            .body(StringBody(CHECKOUT_BODY))
            .check(status().in(201, 409, 429).saveAs("checkoutStatus"), responseTimeInMillis().saveAs("checkoutMillis"))
            .checkIf(session -> session.getInt("checkoutStatus") == 201)
            .then(jsonPath("$.orderId").saveAs("orderId"), jsonPath("$.orderToken").saveAs("orderToken"))
            .checkIf(session -> session.getInt("checkoutStatus") == 429)
            .then(jsonPath("$.queueToken").saveAs("queueToken"), jsonPath("$.admittedAt").saveAs("admittedAt")));
    }

    /**
     * Pays with the test card, then reads the order until it is PAID: at most
     * {@code maxPolls} reads {@code pollEvery} apart; the last one fails the user if the
     * order is still not paid.
     */
    static ChainBuilder payAndFollow(int maxPolls, Duration pollEvery) {
        return exec(http("confirm payment").post("/api/v1/orders/#{orderId}/payment/confirm")
            .header("X-Order-Token", "#{orderToken}")
            .body(StringBody("{\"paymentMethod\":\"pm_card_visa\"}"))
            .check(status().is(200), jsonPath("$.status").saveAs("orderStatus")))
            .exitHereIfFailed()
            .exec(asLongAs(session -> !"PAID".equals(session.getString("orderStatus")) && !session.isFailed(), "poll")
                .on(pause(pollEvery).exec(http("get order").get("/api/v1/orders/#{orderId}")
                    .header("X-Order-Token", "#{orderToken}")
                    .check(status().is(200), jsonPath("$.status").saveAs("orderStatus"))
                    .checkIf(session -> session.getInt("poll") >= maxPolls - 1)
                    .then(jsonPath("$.status").is("PAID")))));
    }

}
