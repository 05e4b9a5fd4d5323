package dev.surge.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Payment;
import dev.surge.checkout.domain.PaymentConfirmation;
import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentRequest;
import dev.surge.checkout.domain.RefundRequest;
import dev.surge.payments.stub.StripeSignatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhook verification and translation, with events the stub produced for real flows and
 * signed with Stripe's scheme.
 */
class StripeWebhooksIT {

    private StripeFixture stripe;

    private StripeWebhooks webhooks;

    @BeforeEach
    void start() {
        stripe = StripeFixture.start();
        webhooks = new StripeWebhooks(stripe.stub.webhooks().secret(), Duration.ofMinutes(5), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    @Test
    void translatesASignedSuccessIntoPaymentSucceededForTheOrder() {
        PaymentRequest request = StripeFixture.platformCharge(2_500, "EUR");
        Payment payment = pay(request, "pm_card_visa");
        String json = stripe.stub.eventJson("payment_intent.succeeded", payment.id().value());

        assertThat(webhooks.verify(json, stripe.stub.webhooks().sign(json))).hasValueSatisfying(event -> {
            PaymentEvent.PaymentSucceeded succeeded = (PaymentEvent.PaymentSucceeded) event;
            assertThat(succeeded.eventId()).startsWith("evt_");
            assertThat(succeeded.payment()).isEqualTo(payment.id());
            assertThat(succeeded.orderId()).isEqualTo(request.orderId());
            assertThat(succeeded.amountReceived()).isEqualTo(Money.of(2_500, "EUR"));
        });
    }

    @Test
    void readsAConnectedAccountsChangeSignedWithTheConnectEndpointsSecret() {
        String account = "acct_1Fjord";
        stripe.stub.completeOnboarding(account);
        String json = stripe.stub.newestEventJson("account.updated");
        String connectSecret = "whsec_connect_endpoint";
        String signedByConnect = StripeSignatures.header(connectSecret, json, Instant.now().getEpochSecond());
        StripeWebhooks withConnect = new StripeWebhooks(stripe.stub.webhooks().secret(), connectSecret,
                Duration.ofMinutes(5), Clock.systemUTC());

        assertThat(withConnect.read(json, signedByConnect)).hasValueSatisfying(notice -> assertThat(notice)
            .isEqualTo(new StripeNotice.OfPayoutAccount(eventId(json), new ConnectedAccountId(account))));
        assertThat(withConnect.verify(json, signedByConnect)).as("not a payment's event").isEmpty();
        assertThatThrownBy(() -> webhooks.read(json, signedByConnect)).as("no Connect secret configured")
            .isInstanceOf(InvalidWebhook.class);
    }

    @Test
    void translatesAFailureWithItsDeclineCode() {
        Payment payment = pay(StripeFixture.platformCharge(2_500, "EUR"), "pm_card_chargeDeclinedExpiredCard");
        String json = stripe.stub.eventJson("payment_intent.payment_failed", payment.id().value());

        assertThat(webhooks.verify(json, stripe.stub.webhooks().sign(json))).hasValueSatisfying(
                event -> assertThat(((PaymentEvent.PaymentFailed) event).declineCode()).isEqualTo("expired_card"));
    }

    @Test
    void translatesCancellationsRefundsAndDisputes() {
        Payment canceled = stripe.gateway.createPayment(StripeFixture.platformCharge(900, "EUR"))
            .flatMap(p -> stripe.gateway.cancel(p.id()))
            .block();
        Payment refunded = pay(StripeFixture.platformCharge(5_000, "EUR"), "pm_card_visa");
        stripe.gateway.refund(new RefundRequest(refunded.id(), Money.of(2_000, "EUR"), "return-1")).block();
        Payment disputed = pay(StripeFixture.platformCharge(7_000, "EUR"), "pm_card_visa");
        stripe.stub.openDispute(disputed.id().value(), "fraudulent");

        assertThat(verified("payment_intent.canceled", canceled)).isInstanceOf(PaymentEvent.PaymentCanceled.class);
        PaymentEvent.ChargeRefunded refund = (PaymentEvent.ChargeRefunded) verified("charge.refunded", refunded);
        assertThat(refund.amountRefunded()).isEqualTo(Money.of(2_000, "EUR"));
        assertThat(refund.fullyRefunded()).isFalse();
        assertThat(refund.orderId()).isEqualTo(refunded.orderId());
        PaymentEvent.DisputeOpened dispute = (PaymentEvent.DisputeOpened) verified("charge.dispute.created", disputed);
        assertThat(dispute.reason()).isEqualTo("fraudulent");
        assertThat(dispute.amount()).isEqualTo(Money.of(7_000, "EUR"));
    }

    @Test
    void readsAnAccountLeavingThePlatformByTheAccountTheEventNames() {
        String account = "acct_1Leaving";
        stripe.stub.deauthorize(account);
        String json = stripe.stub.newestEventJson("account.application.deauthorized");

        assertThat(webhooks.read(json, stripe.stub.webhooks().sign(json)))
            .hasValueSatisfying(notice -> assertThat(notice)
                .isEqualTo(new StripeNotice.OfDisconnectedAccount(eventId(json), new ConnectedAccountId(account))));
        String nameless = json.replace("\"account\":\"" + account + "\"", "\"account\":null");
        assertThat(nameless).isNotEqualTo(json);
        assertThatThrownBy(() -> webhooks.read(nameless, stripe.stub.webhooks().sign(nameless)))
            .isInstanceOf(InvalidWebhook.class);
    }

    @Test
    void ignoresVerifiedEventsSurgeDoesNotActOn() {
        Payment payment = stripe.gateway.createPayment(StripeFixture.platformCharge(900, "EUR")).block();
        String json = stripe.stub.eventJson("payment_intent.created", payment.id().value());

        assertThat(webhooks.verify(json, stripe.stub.webhooks().sign(json))).isEmpty();
    }

    @Test
    void rejectsAForgedSignatureATamperedBodyAndAMissingHeader() {
        Payment payment = pay(StripeFixture.platformCharge(2_500, "EUR"), "pm_card_visa");
        String json = stripe.stub.eventJson("payment_intent.succeeded", payment.id().value());
        long now = Instant.now().getEpochSecond();

        assertThatThrownBy(() -> webhooks.verify(json, StripeSignatures.header("whsec_forged", json, now)))
            .isInstanceOf(InvalidWebhook.class);
        assertThatThrownBy(() -> webhooks.verify(json.replace("2500", "1"), stripe.stub.webhooks().sign(json)))
            .isInstanceOf(InvalidWebhook.class);
        assertThatThrownBy(() -> webhooks.verify(json, null)).isInstanceOf(InvalidWebhook.class);
        assertThatThrownBy(() -> webhooks.verify(json, "t=abc,v1=00")).isInstanceOf(InvalidWebhook.class);
        assertThatThrownBy(() -> webhooks.verify(json, "t,v1")).isInstanceOf(InvalidWebhook.class);
        assertThatThrownBy(() -> webhooks.verify("not json", stripe.stub.webhooks().sign("not json")))
            .isInstanceOf(InvalidWebhook.class);
    }

    @Test
    void rejectsASignatureOlderThanTheTolerance() {
        Payment payment = pay(StripeFixture.platformCharge(2_500, "EUR"), "pm_card_visa");
        String json = stripe.stub.eventJson("payment_intent.succeeded", payment.id().value());
        String signedNow = stripe.stub.webhooks().sign(json);
        StripeWebhooks sixMinutesLater = new StripeWebhooks(stripe.stub.webhooks().secret(), Duration.ofMinutes(5),
                Clock.fixed(Instant.now().plus(Duration.ofMinutes(6)), ZoneOffset.UTC));

        assertThatThrownBy(() -> sixMinutesLater.verify(json, signedNow)).isInstanceOf(InvalidWebhook.class)
            .hasMessageContaining("5 minutes");
    }

    private PaymentEvent verified(String type, Payment payment) {
        String json = stripe.stub.eventJson(type, payment.id().value());
        return webhooks.verify(json, stripe.stub.webhooks().sign(json)).orElseThrow();
    }

    private Payment pay(PaymentRequest request, String paymentMethod) {
        return stripe.gateway.createPayment(request)
            .flatMap(p -> stripe.gateway.confirm(p.id(), paymentMethod))
            .map(PaymentConfirmation::payment)
            .block();
    }

    private static String eventId(String json) {
        return com.google.gson.JsonParser.parseString(json).getAsJsonObject().get("id").getAsString();
    }

}
