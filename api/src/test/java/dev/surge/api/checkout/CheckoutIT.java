package dev.surge.api.checkout;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.checkout.application.PayVendorShares;
import dev.surge.checkout.application.ReconcilePayments;
import dev.surge.checkout.application.SettlePayment;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.RefundRequest;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.inventory.PeriodicPass;
import dev.surge.payments.stub.StripeStub;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

/**
 * The checkout contract of API.md over HTTP, on real PostgreSQL and Redis and the Stripe
 * stand-in: placing, replaying, refusing, paying (by confirmation and by webhook),
 * declining, cancelling and refunding, with stock followed through.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class CheckoutIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    StripeStub stripe;

    @Autowired
    PaymentGateway payments;

    @Autowired
    SettlePayment settlePayment;

    @Autowired
    ReconcilePayments reconcilePayments;

    @Autowired
    PayVendorShares payVendorShares;

    @Autowired
    @Qualifier("vendorTransfers")
    PeriodicPass vendorTransfers;

    @Autowired
    @Qualifier("vendorShareReversals")
    PeriodicPass vendorShareReversals;

    Storefront storefront;

    @BeforeEach
    void storefront() {
        storefront = new Storefront(client, database);
    }

    @AfterEach
    void healthyStripe() {
        stripe.faults().clear();
    }

    @Test
    void placesAMultiVendorOrderWithSubOrdersCommissionsReservedStockAndAPayment() {
        String nordic = storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 0);
        String atelier = storefront.sku(DemoCatalog.ATELIER_LUMIERE, "EUR", 0);
        int nordicBefore = storefront.available(nordic);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, nordic, 2).expectStatus().isOk();
        Map<String, Object> priced = storefront.addLine(cart, atelier, 1)
            .expectStatus()
            .isOk()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();

        Map<String, Object> order = storefront.checkout(cart, key())
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();

        assertThat(order.get("status")).isEqualTo("PENDING_PAYMENT");
        assertThat((String) order.get("orderToken")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(order.get("totals")).isEqualTo(priced.get("totals"));
        List<Map<String, Object>> subOrders = list(order, "subOrders");
        assertThat(subOrders).hasSize(2);
        long subOrderTotal = subOrders.stream().mapToLong(subOrder -> amount(subOrder, "total")).sum();
        assertThat(subOrderTotal).isEqualTo(amount(map(order, "totals"), "total"));
        Map<String, Object> payment = map(order, "payment");
        assertThat(payment).containsEntry("provider", "stripe");
        assertThat((String) payment.get("paymentIntentId")).startsWith("pi_");
        assertThat((String) payment.get("clientSecret")).startsWith(payment.get("paymentIntentId") + "_secret_");
        assertThat(holdOf(order)).as("a guest's hold, shorter than a customer's")
            .isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        assertThat(storefront.available(nordic)).isEqualTo(nordicBefore - 2);
        assertThat(stripe.ledger().paymentIntentCount(order.get("orderId").toString())).isOne();
        assertThat(count("SELECT count(*) FROM outbox WHERE order_id = '" + order.get("orderId") + "'")).isEqualTo(3);
    }

    @Test
    void replaysTheFirstAnswerForTheSameKeyAndBody() {
        Map<String, Object> cart = cartWith(DemoCatalog.BRICK_LANE_SUPPLY, 1);
        String key = key();
        Map<String, Object> first = storefront.checkout(cart, key)
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();

        Map<String, Object> again = storefront.checkout(cart, key)
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueEquals("Idempotent-Replayed", "true")
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();

        assertThat(again.get("orderId")).isEqualTo(first.get("orderId"));
        assertThat(again.get("orderToken")).isEqualTo(first.get("orderToken"));
        assertThat(map(again, "payment")).isEqualTo(map(first, "payment"));
        assertThat(stripe.ledger().paymentIntentCount(first.get("orderId").toString())).isOne();
    }

    @Test
    void refusesAKeyReusedForAnotherRequestAndAMissingKey() {
        Map<String, Object> cart = cartWith(DemoCatalog.BRICK_LANE_SUPPLY, 1);
        String key = key();
        storefront.checkout(cart, key).expectStatus().isCreated();

        expectProblem(storefront.checkout(cart, key, "someone.else@example.com"), 422, "idempotency-key-reused");
        expectProblem(client.post()
            .uri("/api/v1/checkouts")
            .header("X-Cart-Token", (String) cart.get("token"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("cartId", cart.get("id"), "email", "ada@example.com", "shippingAddress",
                    Map.of("city", "London")))
            .exchange(), 400, "validation-failed");
    }

    @Test
    void refusesToShipToAnotherCountryThanTheCartIsTaxedFor() {
        Map<String, Object> cart = cartWith(DemoCatalog.BRICK_LANE_SUPPLY, 1);

        expectProblem(client.post()
            .uri("/api/v1/checkouts")
            .header("Idempotency-Key", key())
            .header("X-Cart-Token", (String) cart.get("token"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("cartId", cart.get("id"), "email", "ada@example.com", "shippingAddress",
                    Map.of("city", "Lyon", "country", "FR")))
            .exchange(), 400, "validation-failed").jsonPath("$.errors[0].field").isEqualTo("shippingAddress.country");
    }

    @Test
    void checksOutOneCartOnceEvenWithTwoKeysAtOnce() {
        Map<String, Object> cart = cartWith(DemoCatalog.BRICK_LANE_SUPPLY, 1);

        List<Integer> statuses = reactor.core.publisher.Flux.range(0, 2)
            .flatMap(i -> reactor.core.publisher.Mono
                .fromCallable(() -> storefront.checkout(cart, key()).returnResult(Void.class).getStatus().value())
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()))
            .collectList()
            .block();

        assertThat(statuses).containsOnlyOnce(201);
        assertThat(count("SELECT count(*) FROM orders WHERE cart_id = '" + cart.get("id") + "'")).isOne();
    }

    @Test
    void refusesAnEmptyCartAndACartItCannotOpen() {
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");

        expectProblem(storefront.checkout(cart, key()), 422, "empty-cart");
        expectProblem(storefront.checkout(Map.of("id", cart.get("id"), "token", "guess", "country", "DE"), key()), 404,
                "cart-not-found");
    }

    @Test
    void refusesMoreThanIsInStockAndReservesNothing() {
        String sku = storefront.sku(DemoCatalog.ATELIER_LUMIERE, "EUR", 1);
        int available = storefront.available(sku);
        String other = storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 1);
        int otherAvailable = storefront.available(other);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, other, 1).expectStatus().isOk();
        storefront.addLine(cart, sku, Math.min(999, available + 1)).expectStatus().isOk();
        int paymentsBefore = stripe.ledger().paymentIntentCount();
        long keysBefore = count("SELECT count(*) FROM checkout_requests");
        String key = key();

        expectProblem(storefront.checkout(cart, key), 409, "insufficient-stock").jsonPath("$.lines[0].sku")
            .isEqualTo(sku)
            .jsonPath("$.lines[0].available")
            .isEqualTo(available);
        assertThat(storefront.available(other)).isEqualTo(otherAvailable);
        assertThat(stripe.ledger().paymentIntentCount()).isEqualTo(paymentsBefore);
        // No key left behind, the cart still usable.
        assertThat(count("SELECT count(*) FROM checkout_requests")).isEqualTo(keysBefore);
        client.put()
            .uri("/api/v1/carts/{id}/lines/{sku}", cart.get("id"), sku)
            .header("X-Cart-Token", (String) cart.get("token"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("quantity", 1))
            .exchange()
            .expectStatus()
            .isOk();
        storefront.checkout(cart, key).expectStatus().isCreated();
    }

    @Test
    void answersPaymentUnavailableReleasesTheStockAndSucceedsWithTheSameKeyLater() {
        String sku = storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 2);
        int before = storefront.available(sku);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, sku, 3).expectStatus().isOk();
        String key = key();
        stripe.faults().failAlways(500);

        expectProblem(storefront.checkout(cart, key), 503, "payment-unavailable");
        assertThat(storefront.available(sku)).isEqualTo(before);

        stripe.faults().clear();
        await().atMost(Duration.ofSeconds(15))
            .untilAsserted(() -> storefront.checkout(cart, key).expectStatus().isCreated());
        assertThat(storefront.available(sku)).isEqualTo(before - 3);
    }

    @Test
    void confirmingWithAWorkingCardPaysTheOrderSellsTheStockAndPaysTheVendors() {
        String nordic = storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 3);
        String atelier = storefront.sku(DemoCatalog.ATELIER_LUMIERE, "EUR", 3);
        int onHand = storefront.onHand(nordic);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, nordic, 2).expectStatus().isOk();
        storefront.addLine(cart, atelier, 1).expectStatus().isOk();
        Map<String, Object> order = placed(cart);
        int transfersBefore = stripe.ledger().transferCount();
        int lookUpsBefore = stripe.ledger().requestCount("GET /v1/transfers")
                + stripe.ledger().requestCount("GET /v1/payment_intents/");
        int transferCallsBefore = stripe.ledger().requestCount("POST /v1/transfers");

        confirm(order, "pm_card_visa").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAID");

        assertThat(storefront.onHand(nordic)).isEqualTo(onHand - 2);
        show(order).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAID");

        // The vendors are paid in the background, off the shopper's request, once each.
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(
                    () -> assertThat(database.sql("SELECT count(transfer_id) FROM sub_orders WHERE order_id = :id")
                        .bind("id", UUID.fromString((String) order.get("orderId")))
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block()).isEqualTo(2));
        assertThat(stripe.ledger().transferCount() - transfersBefore).isEqualTo(2);
        // One call per share: the charge was recorded with the payment, and shares owed
        // for less than a day are not looked up first (their keys make repeats one).
        assertThat(stripe.ledger().requestCount("POST /v1/transfers") - transferCallsBefore).isEqualTo(2);
        assertThat(stripe.ledger().requestCount("GET /v1/transfers")
                + stripe.ledger().requestCount("GET /v1/payment_intents/"))
            .isEqualTo(lookUpsBefore);

        // The transfers are remembered: settling the paid order again (as each later
        // webhook does) asks Stripe nothing about them.
        int transferRequests = stripe.ledger().requestCount("GET /v1/transfers")
                + stripe.ledger().requestCount("POST /v1/transfers");
        StepVerifier
            .create(settlePayment.settle(new PaymentIntentId((String) map(order, "payment").get("paymentIntentId"))))
            .expectNextCount(1)
            .verifyComplete();
        assertThat(
                stripe.ledger().requestCount("GET /v1/transfers") + stripe.ledger().requestCount("POST /v1/transfers"))
            .isEqualTo(transferRequests);
    }

    @Test
    void aDeclinedCardAnswers402AndTheOrderWaitsForAnotherCard() {
        Map<String, Object> order = placed(cartWith(DemoCatalog.BRICK_LANE_SUPPLY, 1));

        expectProblem(confirm(order, "pm_card_chargeDeclined"), 402, "payment-declined").jsonPath("$.declineCode")
            .isEqualTo("generic_decline");
        show(order).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PENDING_PAYMENT");

        confirm(order, "pm_card_visa").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAID");
    }

    @Test
    void paysTheOrderWhenStripesWebhookSaysTheBrowserPaid() {
        Map<String, Object> order = placed(cartWith(DemoCatalog.BRICK_LANE_SUPPLY, 1));
        PaymentIntentId payment = new PaymentIntentId((String) map(order, "payment").get("paymentIntentId"));

        payments.confirm(payment, "pm_card_visa").block();

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> show(order).expectBody().jsonPath("$.status").isEqualTo("PAID"));
    }

    @Test
    void cancellingAPendingOrderReleasesItsStockAndCancelsThePayment() {
        String sku = storefront.sku(DemoCatalog.ATELIER_LUMIERE, "EUR", 4);
        int before = storefront.available(sku);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, sku, 2).expectStatus().isOk();
        Map<String, Object> order = placed(cart);

        cancel(order).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");

        assertThat(storefront.available(sku)).isEqualTo(before);
        assertThat(stripe.ledger().statusOf((String) map(order, "payment").get("paymentIntentId")))
            .isEqualTo("canceled");
        expectProblem(confirm(order, "pm_card_visa"), 409, "order-state-conflict");
    }

    @Test
    void cancellingAPaidOrderRefundsIt() {
        Map<String, Object> order = placed(cartWith(DemoCatalog.BRICK_LANE_SUPPLY, 1));
        confirm(order, "pm_card_visa").expectStatus().isOk();
        int refundsBefore = stripe.ledger().refundCount();

        cancel(order).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REFUNDED");

        assertThat(stripe.ledger().refundCount() - refundsBefore).isOne();
        expectProblem(cancel(order), 409, "order-state-conflict");
    }

    @Test
    void refundingAPaidMultiVendorOrderTakesTheVendorsSharesBack() {
        long nordicBefore = stripe.ledger().transferredTo("acct_demoNordicGoods");
        long atelierBefore = stripe.ledger().transferredTo("acct_demoAtelierLumiere");
        Map<String, Object> order = paidToAtelierAndNordic(9);

        cancel(order).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REFUNDED");

        // Taken back in the background, woken by the refund.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(stripe.ledger().transferredTo("acct_demoNordicGoods")).isEqualTo(nordicBefore);
            assertThat(stripe.ledger().transferredTo("acct_demoAtelierLumiere")).isEqualTo(atelierBefore);
        });
        assertThat(reversalsOwed(order)).isZero();
    }

    @Test
    void aRefundMadeAtStripeWhoseWebhookWasLostRefundsTheOrderOnceReconciled() {
        long atelierBefore = stripe.ledger().transferredTo("acct_demoAtelierLumiere");
        Map<String, Object> order = paidToAtelierAndNordic(11);
        stripe.webhooks().awaitIdle(Duration.ofSeconds(10));
        @SuppressWarnings("unchecked")
        var payment = new PaymentIntentId((String) ((Map<String, Object>) order.get("payment")).get("paymentIntentId"));

        // Refunded from Stripe's dashboard; its charge.refunded never arrives.
        stripe.webhooks().drop(true);
        try {
            payments.refund(new RefundRequest(payment, null, "dashboard")).block();
        }
        finally {
            stripe.webhooks().drop(false);
        }
        show(order).expectBody().jsonPath("$.status").isEqualTo("PAID");

        reconcilePayments.reconcile(Duration.ofHours(1)).block();

        show(order).expectBody().jsonPath("$.status").isEqualTo("REFUNDED");
        // And the vendor's share comes back, as after the webhook.
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(stripe.ledger().transferredTo("acct_demoAtelierLumiere"))
                .isEqualTo(atelierBefore));
    }

    @Test
    void aVendorsShareIsTakenBackOnceStripeWorksAgainAfterFailingItsReversal() {
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 10), 1).expectStatus().isOk();
        storefront.addLine(cart, storefront.sku(DemoCatalog.ATELIER_LUMIERE, "EUR", 10), 1).expectStatus().isOk();
        long nordicBefore = stripe.ledger().transferredTo("acct_demoNordicGoods");
        long atelierBefore = stripe.ledger().transferredTo("acct_demoAtelierLumiere");
        Map<String, Object> order = placed(cart);
        confirm(order, "pm_card_visa").expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(stripe.ledger().transferredTo("acct_demoNordicGoods")).isGreaterThan(nordicBefore);
            assertThat(stripe.ledger().transferredTo("acct_demoAtelierLumiere")).isGreaterThan(atelierBefore);
        });

        // The refund goes through; then Stripe fails every call for a while: the
        // reversals are tried, fail and stay owed, and the order is refunded all the
        // same.
        vendorShareReversals.stop();
        try {
            cancel(order).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REFUNDED");
            stripe.faults().failAlways(500);
        }
        finally {
            vendorShareReversals.start();
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> reversalAttempts(order) > 0);
            assertThat(reversalsOwed(order)).isEqualTo(2);
        }
        finally {
            stripe.faults().clear();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(stripe.ledger().transferredTo("acct_demoNordicGoods")).isEqualTo(nordicBefore);
            assertThat(stripe.ledger().transferredTo("acct_demoAtelierLumiere")).isEqualTo(atelierBefore);
            assertThat(reversalsOwed(order)).isZero();
        });
    }

    private long reversalAttempts(Map<String, Object> order) {
        return database.sql("SELECT coalesce(sum(reversal_attempts), 0) FROM sub_orders WHERE order_id = :id")
            .bind("id", UUID.fromString((String) order.get("orderId")))
            .map(row -> ((Number) row.get(0)).longValue())
            .one()
            .block();
    }

    /**
     * An order of one unit from each of two vendors (their SKUs at the index), paid, once
     * Atelier Lumière's share has been transferred (Nordic Goods's may still be owed).
     */
    private Map<String, Object> paidToAtelierAndNordic(int skuIndex) {
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", skuIndex), 1).expectStatus().isOk();
        storefront.addLine(cart, storefront.sku(DemoCatalog.ATELIER_LUMIERE, "EUR", skuIndex), 1).expectStatus().isOk();
        long atelierBefore = stripe.ledger().transferredTo("acct_demoAtelierLumiere");
        Map<String, Object> order = placed(cart);
        confirm(order, "pm_card_visa").expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(stripe.ledger().transferredTo("acct_demoAtelierLumiere"))
                .isGreaterThan(atelierBefore));
        return order;
    }

    private long reversalsOwed(Map<String, Object> order) {
        return database.sql("SELECT count(*) FROM sub_orders WHERE order_id = :id AND reversal_due_at IS NOT NULL")
            .bind("id", UUID.fromString((String) order.get("orderId")))
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
    }

    @Test
    void aVendorsShareCancelledWhileItsTransferWasOnItsWayIsTakenBack() {
        Map<String, Object> order = paidMultiVendorOrderWithTransfersHeld();
        // A cancellation landing after the transfer job read the order (the job then
        // still sees the sub-order as owed).
        database.sql("UPDATE sub_orders SET status = 'CANCELLED' WHERE order_id = :id AND vendor_id = :vendor")
            .bind("id", UUID.fromString((String) order.get("orderId")))
            .bind("vendor", UUID.fromString(DemoCatalog.ATELIER_LUMIERE))
            .fetch()
            .rowsUpdated()
            .block();
        long nordicBefore = stripe.ledger().transferredTo("acct_demoNordicGoods");
        long atelierBefore = stripe.ledger().transferredTo("acct_demoAtelierLumiere");
        try {
            StepVerifier.create(payVendorShares.payDue(100)).expectNext(1L).verifyComplete();
        }
        finally {
            vendorTransfers.start();
        }

        assertThat(stripe.ledger().transferredTo("acct_demoNordicGoods")).isGreaterThan(nordicBefore);
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(stripe.ledger().transferredTo("acct_demoAtelierLumiere"))
                .isEqualTo(atelierBefore));
        assertThat(transfersDue(order)).isZero();
    }

    @Test
    void aRefundBeforeTheVendorsWerePaidPaysThemNothing() {
        Map<String, Object> order = paidMultiVendorOrderWithTransfersHeld();
        long nordicBefore = stripe.ledger().transferredTo("acct_demoNordicGoods");
        long atelierBefore = stripe.ledger().transferredTo("acct_demoAtelierLumiere");
        try {
            cancel(order).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REFUNDED");
            StepVerifier.create(payVendorShares.payDue(100)).expectNext(0L).verifyComplete();
        }
        finally {
            vendorTransfers.start();
        }

        assertThat(stripe.ledger().transferredTo("acct_demoNordicGoods")).isEqualTo(nordicBefore);
        assertThat(stripe.ledger().transferredTo("acct_demoAtelierLumiere")).isEqualTo(atelierBefore);
        assertThat(transfersDue(order)).isZero();
    }

    @Test
    void aFailedTransferIsRetriedLaterAndPaysOnce() {
        Map<String, Object> order = paidMultiVendorOrderWithTransfersHeld();
        long atelierBefore = stripe.ledger().transferredTo("acct_demoAtelierLumiere");
        try {
            stripe.faults().failAlways(500);
            StepVerifier.create(payVendorShares.payDue(100)).expectNext(0L).verifyComplete();
            stripe.faults().clear();
            assertThat(transfersDue(order)).isEqualTo(2);
            // Due again after the first back-off only.
            StepVerifier.create(payVendorShares.payDue(100)).expectNext(0L).verifyComplete();
            database.sql("UPDATE sub_orders SET transfer_due_at = now() WHERE order_id = :id")
                .bind("id", UUID.fromString((String) order.get("orderId")))
                .fetch()
                .rowsUpdated()
                .block();
            StepVerifier.create(payVendorShares.payDue(100)).expectNext(1L).verifyComplete();
            StepVerifier.create(payVendorShares.payDue(100)).expectNext(0L).verifyComplete();
        }
        finally {
            vendorTransfers.start();
        }

        assertThat(stripe.ledger().transferredTo("acct_demoAtelierLumiere")).isGreaterThan(atelierBefore);
        assertThat(transfersDue(order)).isZero();
    }

    /**
     * A paid order of two vendors whose transfers are due but not made: the background
     * pass is stopped (the caller starts it again) after everything due before was paid.
     */
    private Map<String, Object> paidMultiVendorOrderWithTransfersHeld() {
        vendorTransfers.stop();
        payVendorShares.payDue(1000).block();
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 11), 1).expectStatus().isOk();
        storefront.addLine(cart, storefront.sku(DemoCatalog.ATELIER_LUMIERE, "EUR", 11), 1).expectStatus().isOk();
        Map<String, Object> order = placed(cart);
        confirm(order, "pm_card_visa").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAID");
        assertThat(transfersDue(order)).isEqualTo(2);
        return order;
    }

    private long transfersDue(Map<String, Object> order) {
        return database.sql("SELECT count(*) FROM sub_orders WHERE order_id = :id AND transfer_due_at IS NOT NULL")
            .bind("id", UUID.fromString((String) order.get("orderId")))
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
    }

    @Test
    void refundingAPaidSingleVendorOrderTakesTheDestinationTransferBack() {
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 10), 1).expectStatus().isOk();
        long before = stripe.ledger().transferredTo("acct_demoNordicGoods");
        Map<String, Object> order = placed(cart);
        confirm(order, "pm_card_visa").expectStatus().isOk();
        assertThat(stripe.ledger().transferredTo("acct_demoNordicGoods")).isGreaterThan(before);

        cancel(order).expectStatus().isOk();

        assertThat(stripe.ledger().transferredTo("acct_demoNordicGoods")).isEqualTo(before);
    }

    @Test
    void showsAnOrderOnlyToTheHolderOfItsToken() {
        Map<String, Object> order = placed(cartWith(DemoCatalog.BRICK_LANE_SUPPLY, 1));

        show(order).expectStatus().isOk().expectBody().jsonPath("$.orderToken").doesNotExist();
        expectProblem(client.get().uri("/api/v1/orders/{id}", order.get("orderId")).exchange(), 404, "order-not-found");
        expectProblem(client.get()
            .uri("/api/v1/orders/{id}", order.get("orderId"))
            .header("X-Order-Token", "guess")
            .exchange(), 404, "order-not-found");
        expectProblem(client.post()
            .uri("/api/v1/orders/{id}/cancel", order.get("orderId"))
            .header("X-Order-Token", "guess")
            .exchange(), 404, "order-not-found");
    }

    @Test
    void letsACustomerCheckOutTheirCartAndSeeTheOrderWithTheirToken() {
        String ada = DemoTokensClient.token(client, Map.of("role", "customer", "subject", "ada-" + UUID.randomUUID()));
        Map<String, Object> cart = client.post()
            .uri("/api/v1/carts")
            .headers(headers -> headers.setBearerAuth(ada))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("currency", "GBP", "country", "GB"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
        client.post()
            .uri("/api/v1/carts/{id}/lines", cart.get("id"))
            .headers(headers -> headers.setBearerAuth(ada))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("sku", storefront.sku(DemoCatalog.BRICK_LANE_SUPPLY, "GBP", 0), "quantity", 1))
            .exchange()
            .expectStatus()
            .isOk();

        Map<String, Object> order = client.post()
            .uri("/api/v1/checkouts")
            .header("Idempotency-Key", key())
            .headers(headers -> headers.setBearerAuth(ada))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("cartId", cart.get("id"), "email", "ada@example.com", "shippingAddress",
                    Map.of("city", "London", "country", "GB")))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();

        assertThat(holdOf(order)).as("a signed-in customer's hold")
            .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        client.get()
            .uri("/api/v1/orders/{id}", order.get("orderId"))
            .headers(headers -> headers.setBearerAuth(ada))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.totals.total.currency")
            .isEqualTo("GBP");
        String bob = DemoTokensClient.token(client, Map.of("role", "customer", "subject", "bob"));
        expectProblem(client.get()
            .uri("/api/v1/orders/{id}", order.get("orderId"))
            .headers(headers -> headers.setBearerAuth(bob))
            .exchange(), 404, "order-not-found");
    }

    /** How long from now the order's stock is held. */
    private static Duration holdOf(Map<String, Object> order) {
        return Duration.between(Instant.now(), Instant.parse((String) order.get("reservationExpiresAt")));
    }

    private Map<String, Object> cartWith(String vendorId, int quantity) {
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, storefront.sku(vendorId, "EUR", 5), quantity).expectStatus().isOk();
        return cart;
    }

    private Map<String, Object> placed(Map<String, Object> cart) {
        return storefront.checkout(cart, key())
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
    }

    private WebTestClient.ResponseSpec confirm(Map<String, Object> order, String paymentMethod) {
        return storefront.confirm(order, paymentMethod);
    }

    private WebTestClient.ResponseSpec cancel(Map<String, Object> order) {
        return client.post()
            .uri("/api/v1/orders/{id}/cancel", order.get("orderId"))
            .header("X-Order-Token", (String) order.get("orderToken"))
            .exchange();
    }

    private WebTestClient.ResponseSpec show(Map<String, Object> order) {
        return client.get()
            .uri("/api/v1/orders/{id}", order.get("orderId"))
            .header("X-Order-Token", (String) order.get("orderToken"))
            .exchange();
    }

    private long count(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    private static String key() {
        return "checkout-" + UUID.randomUUID();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> json, String field) {
        return (Map<String, Object>) json.get(field);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> json, String field) {
        return (List<Map<String, Object>>) json.get(field);
    }

    private static long amount(Map<String, Object> json, String field) {
        return ((Number) map(json, field).get("amount")).longValue();
    }

}
