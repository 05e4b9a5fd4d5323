package dev.surge.api.payments;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.api.support.DemoTokensClient;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.checkout.application.ReconcilePayments;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.Payment;
import dev.surge.checkout.domain.PaymentConfirmation;
import dev.surge.checkout.domain.PaymentRequest;
import dev.surge.checkout.domain.PaymentSplit;
import dev.surge.checkout.domain.RefundRequest;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.payments.stub.StripeSignatures;
import dev.surge.payments.stub.StripeStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Stripe webhooks end to end: the stub performs real payments and sends its signed events
 * over HTTP to the running application, which records each payment exactly once and never
 * backwards, refuses forged, expired or unsigned requests, and repairs a payment whose
 * webhook never arrived by reconciling with Stripe.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class StripeWebhooksIT {

    private static final String WEBHOOK = "/api/v1/webhooks/stripe";

    @Autowired
    WebTestClient client;

    @Autowired
    StripeStub stripe;

    @Autowired
    PaymentGateway payments;

    @Autowired
    ReconcilePayments reconcilePayments;

    @Autowired
    DatabaseClient database;

    @AfterEach
    void healthyStub() {
        stripe.webhooks().drop(false).duplicate(false).releaseHeldReversed();
        stripe.webhooks().awaitIdle(Duration.ofSeconds(10));
    }

    @Test
    void recordsAPaymentAsSucceededFromStripesSignedWebhook() {
        Payment payment = pay("pm_card_visa");

        awaitStatus(payment, "SUCCEEDED");
        assertThat(orderOf(payment)).isEqualTo(payment.orderId().value());
        assertThat(stripe.webhooks().deliveries()).allMatch(delivery -> delivery.status() == 200);
        // Subscribed like a real endpoint: payment_intent.created and charge.succeeded
        // happened but were never sent.
        assertThat(stripe.webhooks().deliveries()).extracting(delivery -> delivery.eventJson())
            .anyMatch(json -> json.contains("\"type\":\"payment_intent.succeeded\""))
            .noneMatch(json -> json.contains("\"type\":\"payment_intent.created\"")
                    || json.contains("\"type\":\"charge.succeeded\""));
        assertThat(stripe.eventJson("charge.succeeded", payment.id().value())).isNotBlank();
    }

    @Test
    void recordsADeclineAndThenTheSuccessWithAnotherCard() {
        Payment payment = created();
        payments.confirm(payment.id(), "pm_card_chargeDeclined").block();
        awaitStatus(payment, "REQUIRES_PAYMENT_METHOD");
        assertThat(declineCodeOf(payment)).isEqualTo("generic_decline");

        payments.confirm(payment.id(), "pm_card_visa").block();

        awaitStatus(payment, "SUCCEEDED");
        assertThat(declineCodeOf(payment)).isNull();
    }

    @Test
    void keepsTheNewestStateWhenWebhooksArriveInReverseOrder() {
        stripe.webhooks().hold();
        Payment payment = created();
        payments.confirm(payment.id(), "pm_card_chargeDeclined").block();
        payments.confirm(payment.id(), "pm_card_visa").block();
        payments.refund(new RefundRequest(payment.id(), Money.of(500, "EUR"), "return-1")).block();

        stripe.webhooks().releaseHeldReversed().awaitIdle(Duration.ofSeconds(10));

        awaitStatus(payment, "SUCCEEDED");
        assertThat(refundedOf(payment)).isEqualTo(500L);
        assertThat(declineCodeOf(payment)).isNull();
    }

    @Test
    void handlesEachEventOnceWhenStripeDeliversItTwice() {
        stripe.webhooks().duplicate(true);
        Payment payment = pay("pm_card_visa");
        stripe.webhooks().awaitIdle(Duration.ofSeconds(10));

        awaitStatus(payment, "SUCCEEDED");
        assertThat(versionOf(payment)).isEqualTo(1L);
        assertThat(stripe.webhooks().deliveries()).allMatch(delivery -> delivery.status() == 200);
    }

    @Test
    void appliesAReplayedEventOnlyOnceEvenWhenReplaysRace() {
        stripe.webhooks().drop(true);
        Payment payment = pay("pm_card_visa");
        String json = stripe.eventJson("payment_intent.succeeded", payment.id().value());
        String signature = stripe.webhooks().sign(json);

        List<String> outcomes = Flux.range(0, 20)
            .flatMap(i -> client.post()
                .uri(WEBHOOK)
                .contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", signature)
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(Map.class)
                .getResponseBody()
                .map(body -> (String) body.get("outcome")))
            .collectList()
            .block();

        assertThat(outcomes).hasSize(20).containsOnlyOnce("applied").containsOnly("applied", "duplicate");
        assertThat(versionOf(payment)).isEqualTo(1L);
    }

    @Test
    void refusesAForgedAnExpiredAndAnUnsignedWebhookAndRecordsNothing() {
        stripe.webhooks().drop(true);
        Payment payment = pay("pm_card_visa");
        String json = stripe.eventJson("payment_intent.succeeded", payment.id().value());
        long now = Instant.now().getEpochSecond();

        expectProblem(post(json, StripeSignatures.header("whsec_forged", json, now)), 400, "invalid-webhook-signature");
        expectProblem(post(json, StripeSignatures.header(stripe.webhooks().secret(), json, now - 360)), 400,
                "invalid-webhook-signature");
        expectProblem(post(json.replace("\"amount\":", "\"amount\": "), stripe.webhooks().sign(json)), 400,
                "invalid-webhook-signature");
        expectProblem(client.post().uri(WEBHOOK).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange(),
                400, "invalid-webhook-signature");

        assertThat(count("SELECT count(*) FROM payment_events WHERE payment_intent_id = '" + payment.id() + "'"))
            .isZero();
        assertThat(count("SELECT count(*) FROM payments WHERE payment_intent_id = '" + payment.id() + "'")).isZero();
    }

    @Test
    void acknowledgesEventsSurgeDoesNotActOnWithoutRecordingThem() {
        stripe.webhooks().drop(true);
        Payment payment = created();
        String json = stripe.eventJson("payment_intent.created", payment.id().value());

        post(json, stripe.webhooks().sign(json)).expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.outcome")
            .isEqualTo("ignored");
        assertThat(count("SELECT count(*) FROM payment_events WHERE payment_intent_id = '" + payment.id() + "'"))
            .isZero();
    }

    @Test
    void recordsRefundsAndDisputes() {
        Payment payment = pay("pm_card_visa");
        payments.refund(new RefundRequest(payment.id(), Money.of(1_000, "EUR"), "return-1")).block();
        payments.refund(new RefundRequest(payment.id(), null, "cancel")).block();
        Payment disputed = pay("pm_card_visa");
        stripe.openDispute(disputed.id().value(), "fraudulent");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(refundedOf(payment)).isEqualTo(2_599L));
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(count(
                    "SELECT count(*) FROM payments WHERE disputed AND payment_intent_id = '" + disputed.id() + "'"))
                .isOne());
        assertThat(count(
                "SELECT count(*) FROM payments WHERE fully_refunded AND payment_intent_id = '" + payment.id() + "'"))
            .isOne();
    }

    @Test
    void reconciliationRepairsAPaymentWhoseWebhookNeverArrived() {
        stripe.webhooks().drop(true);
        Payment payment = pay("pm_card_visa");
        assertThat(count("SELECT count(*) FROM payments WHERE payment_intent_id = '" + payment.id() + "'")).isZero();

        ReconcilePayments.Reconciliation pass = reconcilePayments.reconcile(Duration.ofHours(1)).block();
        ReconcilePayments.Reconciliation again = reconcilePayments.reconcile(Duration.ofHours(1)).block();

        assertThat(pass.repaired()).isOne();
        assertThat(again.repaired()).isZero();
        assertThat(statusOf(payment)).isEqualTo("SUCCEEDED");
    }

    @Test
    void reconciliationRepairsARefundWhoseWebhookNeverArrived() {
        Payment payment = pay("pm_card_visa");
        awaitStatus(payment, "SUCCEEDED");
        stripe.webhooks().awaitIdle(Duration.ofSeconds(10));
        stripe.webhooks().drop(true);
        payments.refund(new RefundRequest(payment.id(), null, "lost-refund")).block();
        assertThat(refundedOf(payment)).isNull();

        ReconcilePayments.Reconciliation pass = reconcilePayments.reconcile(Duration.ofHours(1)).block();
        ReconcilePayments.Reconciliation again = reconcilePayments.reconcile(Duration.ofHours(1)).block();

        // Other tests' payments with lost webhooks may be repaired in the same pass.
        assertThat(pass.repaired()).isPositive();
        assertThat(again.repaired()).isZero();
        assertThat(refundedOf(payment)).isEqualTo(2_599L);
        assertThat(count(
                "SELECT count(*) FROM payments WHERE fully_refunded AND payment_intent_id = '" + payment.id() + "'"))
            .isOne();
    }

    @Test
    void showsTheStripeCircuitOnHealthAndInMetrics() {
        client.get()
            .uri("/actuator/health")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.components.payments.status")
            .isEqualTo("UP");
        client.get()
            .uri("/actuator/health")
            .headers(headers -> headers.setBearerAuth(DemoTokensClient.token(client, Map.of("role", "operator"))))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.components.payments.details.circuitBreaker")
            .isEqualTo("CLOSED");
        client.get()
            .uri("/actuator/prometheus")
            .headers(headers -> headers.setBearerAuth(DemoTokensClient.token(client, Map.of("role", "operator"))))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .value(metrics -> assertThat(metrics).contains("resilience4j_circuitbreaker_state{")
                .contains("name=\"stripe\""));
    }

    private WebTestClient.ResponseSpec post(String json, String signature) {
        return client.post()
            .uri(WEBHOOK)
            .contentType(MediaType.APPLICATION_JSON)
            .header("Stripe-Signature", signature)
            .bodyValue(json)
            .exchange();
    }

    private Payment created() {
        return payments
            .createPayment(new PaymentRequest(new OrderId(UUID.randomUUID()), Money.of(2_599, "EUR"), "ada@example.com",
                    new PaymentSplit.SeparateTransfers()))
            .block();
    }

    private Payment pay(String paymentMethod) {
        Payment payment = created();
        return payments.confirm(payment.id(), paymentMethod).map(PaymentConfirmation::payment).block();
    }

    private void awaitStatus(Payment payment, String status) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusOf(payment)).isEqualTo(status));
    }

    private String statusOf(Payment payment) {
        return column(payment, "status", String.class);
    }

    private String declineCodeOf(Payment payment) {
        return column(payment, "decline_code", String.class);
    }

    private Long refundedOf(Payment payment) {
        return column(payment, "refunded_minor", Long.class);
    }

    private Long versionOf(Payment payment) {
        return column(payment, "version", Long.class);
    }

    private UUID orderOf(Payment payment) {
        return column(payment, "order_id", UUID.class);
    }

    private <T> T column(Payment payment, String column, Class<T> type) {
        return database.sql("SELECT " + column + " FROM payments WHERE payment_intent_id = :id")
            .bind("id", payment.id().value())
            .map(row -> java.util.Optional.ofNullable(row.get(0, type)))
            .one()
            .blockOptional()
            .flatMap(value -> value)
            .orElse(null);
    }

    private long count(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

}
