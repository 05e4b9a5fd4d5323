package dev.surge.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.Payment;
import dev.surge.checkout.domain.PaymentConfirmation;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRequest;
import dev.surge.checkout.domain.PaymentSplit;
import dev.surge.checkout.domain.PaymentStatus;
import dev.surge.checkout.domain.RefundRequest;
import dev.surge.checkout.domain.TransferRequest;
import dev.surge.checkout.port.PaymentRequestRefused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Stripe adapter over real HTTP against the Stripe-compatible stub: every flow the
 * checkout uses, and idempotency proven in the stub's ledger. Calls are made from a
 * parallel (non-blocking) thread, so BlockHound fails the test if stripe-java ever blocks
 * one.
 */
class StripePaymentGatewayIT {

    private static final ConnectedAccountId VENDOR_A = new ConnectedAccountId("acct_vendorA");

    private static final ConnectedAccountId VENDOR_B = new ConnectedAccountId("acct_vendorB");

    private StripeFixture stripe;

    @BeforeEach
    void startStub() {
        stripe = StripeFixture.start();
    }

    @AfterEach
    void stopStub() {
        stripe.close();
    }

    @Test
    void createsPaymentForOrderWithClientSecretMetadataAndTransferGroup() {
        PaymentRequest request = StripeFixture.platformCharge(4_250, "EUR");

        StepVerifier.create(onEventLoop(stripe.gateway.createPayment(request))).assertNext(payment -> {
            assertThat(payment.orderId()).isEqualTo(request.orderId());
            assertThat(payment.amount()).isEqualTo(Money.of(4_250, "EUR"));
            assertThat(payment.status()).isEqualTo(PaymentStatus.REQUIRES_PAYMENT_METHOD);
            assertThat(payment.clientSecret()).startsWith(payment.id() + "_secret_");
        }).verifyComplete();
        assertThat(stripe.stub.ledger().paymentIntentCount(request.orderId().toString())).isOne();
    }

    @Test
    void createsOnePaymentPerOrderHoweverOftenAsked() {
        PaymentRequest request = StripeFixture.platformCharge(999, "USD");

        Flux<PaymentIntentId> ids = Flux.range(0, 5)
            .flatMap(i -> stripe.gateway.createPayment(request))
            .map(Payment::id);

        StepVerifier.create(onEventLoop(ids.distinct().count())).expectNext(1L).verifyComplete();
        assertThat(stripe.stub.ledger().paymentIntentCount()).isOne();
    }

    @Test
    void confirmsWithAWorkingCard() {
        StepVerifier.create(onEventLoop(created(2_000).flatMap(p -> stripe.gateway.confirm(p.id(), "pm_card_visa"))))
            .assertNext(outcome -> {
                assertThat(outcome).isInstanceOf(PaymentConfirmation.Confirmed.class);
                assertThat(outcome.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED);
                assertThat(outcome.payment().latestChargeId()).startsWith("ch_");
            })
            .verifyComplete();
        assertThat(stripe.stub.ledger().succeededChargeCount()).isOne();
    }

    @Test
    void reportsADeclineAsAnOutcomeWithStripesDeclineCode() {
        StepVerifier
            .create(onEventLoop(created(2_000).flatMap(p -> stripe.gateway.confirm(p.id(), "pm_card_chargeDeclined"))))
            .assertNext(outcome -> {
                PaymentConfirmation.Declined declined = (PaymentConfirmation.Declined) outcome;
                assertThat(declined.declineCode()).isEqualTo("generic_decline");
                assertThat(declined.message()).isEqualTo("Your card was declined.");
                assertThat(declined.payment().status()).isEqualTo(PaymentStatus.REQUIRES_PAYMENT_METHOD);
            })
            .verifyComplete();
        assertThat(stripe.stub.ledger().succeededChargeCount()).isZero();
    }

    @Test
    void letsTheCustomerPayWithAnotherCardAfterADecline() {
        Mono<PaymentConfirmation> retried = created(2_000)
            .flatMap(p -> stripe.gateway.confirm(p.id(), "pm_card_chargeDeclinedInsufficientFunds")
                .then(stripe.gateway.confirm(p.id(), "pm_card_visa")));

        StepVerifier.create(onEventLoop(retried))
            .assertNext(outcome -> assertThat(outcome.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED))
            .verifyComplete();
    }

    @Test
    void makesANewAttemptWhenTheCustomerRetriesTheSameCard() {
        Mono<PaymentConfirmation> twice = created(2_000)
            .flatMap(p -> stripe.gateway.confirm(p.id(), "pm_card_chargeDeclinedInsufficientFunds")
                .then(stripe.gateway.confirm(p.id(), "pm_card_chargeDeclinedInsufficientFunds")));

        StepVerifier.create(onEventLoop(twice))
            .assertNext(outcome -> assertThat(outcome).isInstanceOf(PaymentConfirmation.Declined.class))
            .verifyComplete();
        assertThat(stripe.stub.ledger().eventTypes()).filteredOn("payment_intent.payment_failed"::equals).hasSize(2);
    }

    @Test
    void asksForCustomerActionWhenTheCardNeedsAuthentication() {
        StepVerifier
            .create(onEventLoop(
                    created(2_000).flatMap(p -> stripe.gateway.confirm(p.id(), "pm_card_authenticationRequired"))))
            .assertNext(outcome -> assertThat(outcome).isInstanceOf(PaymentConfirmation.ActionRequired.class))
            .verifyComplete();
    }

    @Test
    void cancelsAPaymentThatHasNotSucceeded() {
        StepVerifier.create(onEventLoop(created(1_500).flatMap(p -> stripe.gateway.cancel(p.id()))))
            .assertNext(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.CANCELED))
            .verifyComplete();
    }

    @Test
    void refusesToCancelASucceededPaymentWithStripesCode() {
        Mono<Payment> cancelPaid = paid(1_500).flatMap(p -> stripe.gateway.cancel(p.id()));

        StepVerifier.create(onEventLoop(cancelPaid))
            .expectErrorSatisfies(failure -> assertThat(failure).isInstanceOf(PaymentRequestRefused.class)
                .extracting(refused -> ((PaymentRequestRefused) refused).code())
                .isEqualTo("payment_intent_unexpected_state"))
            .verify();
    }

    @Test
    void refundsInPartsEachPartOnceAndRefusesMoreThanWasPaid() {
        Payment payment = paid(10_000).block();
        RefundRequest firstPart = new RefundRequest(payment.id(), Money.of(3_000, "EUR"), "return-1");

        StepVerifier.create(onEventLoop(stripe.gateway.refund(firstPart).then(stripe.gateway.refund(firstPart))))
            .assertNext(refund -> assertThat(refund.amount()).isEqualTo(Money.of(3_000, "EUR")))
            .verifyComplete();
        StepVerifier.create(onEventLoop(stripe.gateway.refund(new RefundRequest(payment.id(), null, "cancel"))))
            .assertNext(refund -> assertThat(refund.amount()).isEqualTo(Money.of(7_000, "EUR")))
            .verifyComplete();
        StepVerifier
            .create(onEventLoop(stripe.gateway.refund(new RefundRequest(payment.id(), Money.of(1, "EUR"), "return-2"))))
            .expectError(PaymentRequestRefused.class)
            .verify();
        assertThat(stripe.stub.ledger().refundCount()).isEqualTo(2);
    }

    @Test
    void sendsASingleVendorOrderToTheVendorLessTheCommission() {
        PaymentRequest request = new PaymentRequest(new OrderId(UUID.randomUUID()), Money.of(10_000, "EUR"), null,
                new PaymentSplit.DestinationCharge(VENDOR_A, Money.of(1_200, "EUR")));

        StepVerifier
            .create(onEventLoop(
                    stripe.gateway.createPayment(request).flatMap(p -> stripe.gateway.confirm(p.id(), "pm_card_visa"))))
            .assertNext(outcome -> assertThat(outcome.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED))
            .verifyComplete();
        assertThat(stripe.stub.ledger().transferCount()).isOne();
        assertThat(stripe.stub.ledger().transferredTo("acct_vendorA")).isEqualTo(8_800);
    }

    @Test
    void transfersEachVendorsShareOfAMultiVendorOrderOnce() {
        Payment payment = paid(10_000).block();
        OrderId order = payment.orderId();
        TransferRequest toA = new TransferRequest(order, "suborder-a", VENDOR_A, Money.of(5_280, "EUR"),
                payment.latestChargeId(), Instant.now());
        TransferRequest toB = new TransferRequest(order, "suborder-b", VENDOR_B, Money.of(3_400, "EUR"),
                payment.latestChargeId(), Instant.now());

        Flux<String> transfers = Flux.just(toA, toB, toA, toB).concatMap(stripe.gateway::transfer).map(t -> t.id());

        StepVerifier.create(onEventLoop(transfers.distinct().count())).expectNext(2L).verifyComplete();
        assertThat(stripe.stub.ledger().transferCount()).isEqualTo(2);
        assertThat(stripe.stub.ledger().transferredTo("acct_vendorA")).isEqualTo(5_280);
        assertThat(stripe.stub.ledger().transferredTo("acct_vendorB")).isEqualTo(3_400);
        // Owed for less than a day: the keys answer repeats, nothing is looked up.
        assertThat(stripe.stub.ledger().requestCount("GET /v1/transfers")).isZero();
    }

    @Test
    void refundsAndTransfersOnceEvenAfterStripeForgotTheIdempotencyKeys() {
        Payment payment = paid(10_000).block();
        RefundRequest refund = new RefundRequest(payment.id(), Money.of(2_000, "EUR"), "return-1");
        // Owed for longer than Stripe keeps keys: an earlier attempt may be forgotten.
        TransferRequest share = new TransferRequest(payment.orderId(), "suborder-a", VENDOR_A, Money.of(5_000, "EUR"),
                payment.latestChargeId(), Instant.now().minus(Duration.ofDays(2)));
        stripe.gateway.refund(refund).then(stripe.gateway.transfer(share)).block();

        stripe.stub.forgetIdempotencyKeys();

        StepVerifier.create(onEventLoop(stripe.gateway.refund(refund).then(stripe.gateway.transfer(share))))
            .expectNextCount(1)
            .verifyComplete();
        assertThat(stripe.stub.ledger().refundCount()).isOne();
        assertThat(stripe.stub.ledger().transferCount()).isOne();
    }

    @Test
    void retrievesAPaymentAndCompletesEmptyForAnUnknownOne() {
        Payment payment = created(700).block();

        StepVerifier.create(onEventLoop(stripe.gateway.retrieve(payment.id())))
            .assertNext(found -> assertThat(found.id()).isEqualTo(payment.id()))
            .verifyComplete();
        StepVerifier.create(onEventLoop(stripe.gateway.retrieve(new PaymentIntentId("pi_unknown")))).verifyComplete();
    }

    @Test
    void listsRecentPaymentsAcrossPages() {
        Flux.range(0, 230).concatMap(i -> created(100 + i)).blockLast();

        StepVerifier
            .create(onEventLoop(stripe.gateway.createdSince(Instant.now().minus(Duration.ofMinutes(5)))
                .map(Payment::id)
                .distinct()
                .count()))
            .expectNext(230L)
            .verifyComplete();
        assertThat(stripe.stub.ledger().requestCount("GET /v1/payment_intents")).isEqualTo(3);
    }

    private Mono<Payment> created(long minor) {
        return stripe.gateway.createPayment(StripeFixture.platformCharge(minor, "EUR"));
    }

    private Mono<Payment> paid(long minor) {
        return created(minor).flatMap(p -> stripe.gateway.confirm(p.id(), "pm_card_visa"))
            .map(PaymentConfirmation::payment);
    }

    /** Subscribes on a non-blocking thread, where BlockHound forbids blocking. */
    private static <T> Mono<T> onEventLoop(Mono<T> work) {
        return work.subscribeOn(Schedulers.parallel());
    }

}
