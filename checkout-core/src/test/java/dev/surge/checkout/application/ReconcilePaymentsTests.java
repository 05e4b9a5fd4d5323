package dev.surge.checkout.application;

import static dev.surge.checkout.domain.PaymentFixtures.AMOUNT;
import static dev.surge.checkout.domain.PaymentFixtures.applyAll;
import static dev.surge.checkout.domain.PaymentFixtures.minute;
import static dev.surge.checkout.domain.PaymentFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.application.ReconcilePayments.Reconciliation;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.Payment;
import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRecord;
import dev.surge.checkout.domain.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderFixtures;
import dev.surge.checkout.domain.CartFixtures;
import reactor.core.publisher.Mono;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ReconcilePaymentsTests {

    private static final Instant NOW = minute(120);

    private static final Duration LOOK_BACK = Duration.ofHours(1);

    private final InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();

    private final ScriptedPaymentGateway gateway = new ScriptedPaymentGateway();

    private final ReconcilePayments reconcilePayments = new ReconcilePayments(gateway, ledger,
            new RecordPaymentEvent(ledger, new InMemoryTransactions(ledger)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void recordsASuccessWhoseWebhookNeverArrived() {
        Payment payment = payment("pi_lost", PaymentStatus.SUCCEEDED, null);
        gateway.with(payment);

        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(1, 1, 0))
            .verifyComplete();
        assertThat(ledger.record(payment.id())).hasValueSatisfying(record -> {
            assertThat(record.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(record.orderId()).isEqualTo(payment.orderId());
            assertThat(record.version()).isEqualTo(1);
        });
        assertThat(gateway.listedSince).containsExactly(NOW.minus(LOOK_BACK));
    }

    @Test
    void asksAboutEveryOrderStillWaitingForPaymentWhateverTheListingReaches() {
        Order waiting = OrderFixtures
            .place(CartFixtures.priced(CartFixtures.line("TEE-RED-M", 1)),
                    OrderFixtures.termsOf(OrderFixtures.terms(CartFixtures.NORDIC, 1500, OrderFixtures.NORDIC_ACCOUNT)))
            .withPayment(new PaymentIntentId("pi_waiting"));
        InMemoryOrders orders = new InMemoryOrders().with(waiting);
        // Its success is older than the window listed (or beyond the listing's reach).
        gateway.with(new Payment(new PaymentIntentId("pi_waiting"), waiting.id(), AMOUNT, PaymentStatus.SUCCEEDED,
                "secret_waiting", "ch_waiting", null, OrderFixtures.PLACED_AT.minus(Duration.ofDays(1))));
        ReconcilePayments withOrders = new ReconcilePayments(gateway, ledger,
                new RecordPaymentEvent(ledger, new InMemoryTransactions(ledger)),
                Clock.fixed(OrderFixtures.PLACED_AT.plus(Duration.ofMinutes(5)), ZoneOffset.UTC),
                payment -> Mono.empty(), orders, Duration.ofMinutes(16));

        StepVerifier.create(withOrders.reconcile(Duration.ofSeconds(1)))
            .expectNext(new Reconciliation(1, 1, 0))
            .verifyComplete();
        assertThat(ledger.record(new PaymentIntentId("pi_waiting")))
            .hasValueSatisfying(record -> assertThat(record.status()).isEqualTo(PaymentStatus.SUCCEEDED));
    }

    @Test
    void recordsARefundWhoseWebhookNeverArrivedAfterTheSuccessOrWithIt() {
        Payment known = refunded(payment("pi_known", PaymentStatus.SUCCEEDED, null));
        ledger.with(applyAll(PaymentRecord.unknown(known.id(), known.orderId()),
                new PaymentEvent.PaymentSucceeded("evt_1", known.id(), known.orderId(), minute(101), AMOUNT, null)));
        // Neither the success nor the refund arrived for this one.
        Payment unknown = refunded(payment("pi_unknown", PaymentStatus.SUCCEEDED, null));
        gateway.with(known).with(unknown);

        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(2, 2, 0))
            .verifyComplete();
        for (Payment payment : java.util.List.of(known, unknown)) {
            assertThat(ledger.record(payment.id())).hasValueSatisfying(record -> {
                assertThat(record.status()).isEqualTo(PaymentStatus.SUCCEEDED);
                assertThat(record.fullyRefunded()).isTrue();
                assertThat(record.refunded()).isEqualTo(AMOUNT);
            });
        }
        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(2, 0, 0))
            .verifyComplete();
    }

    @Test
    void keepsRepairingOtherPaymentsWhenOneCannotBeStored() {
        Payment first = payment("pi_first", PaymentStatus.SUCCEEDED, null);
        Payment second = payment("pi_second", PaymentStatus.SUCCEEDED, null);
        gateway.with(first).with(second);
        ledger.beforeNextSave(() -> {
            throw new IllegalStateException("database hiccup");
        });

        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(2, 1, 1))
            .verifyComplete();
        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(2, 1, 0))
            .verifyComplete();
    }

    @Test
    void repairsNothingMoreWhenRunAgain() {
        Payment payment = payment("pi_lost", PaymentStatus.SUCCEEDED, null);
        gateway.with(payment);
        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(1, 1, 0))
            .verifyComplete();
        PaymentRecord repaired = ledger.record(payment.id()).orElseThrow();

        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(1, 0, 0))
            .verifyComplete();
        assertThat(ledger.record(payment.id())).contains(repaired);
    }

    @Test
    void letsTheLateWebhookChangeNothingAfterARepair() {
        Payment payment = payment("pi_lost", PaymentStatus.SUCCEEDED, null);
        gateway.with(payment);
        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(1, 1, 0))
            .verifyComplete();
        PaymentRecord repaired = ledger.record(payment.id()).orElseThrow();
        PaymentEvent lateWebhook = new PaymentEvent.PaymentSucceeded("evt_late", payment.id(), payment.orderId(),
                minute(70), AMOUNT, null);

        StepVerifier.create(new RecordPaymentEvent(ledger, new InMemoryTransactions(ledger)).record(lateWebhook))
            .expectNext(new PaymentEventOutcome.Superseded(lateWebhook, repaired))
            .verifyComplete();
    }

    @Test
    void skipsPaymentsThatAreNotForAnOrder() {
        Payment foreign = new Payment(new PaymentIntentId("pi_foreign"), null, AMOUNT, PaymentStatus.SUCCEEDED, null,
                null, null, minute(100));
        gateway.with(foreign);

        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(0, 0, 0))
            .verifyComplete();
        assertThat(ledger.record(foreign.id())).isEmpty();
    }

    @Test
    void onlyExaminesAPaymentTheLedgerAlreadyHasAsSucceeded() {
        Payment payment = payment("pi_known", PaymentStatus.SUCCEEDED, null);
        gateway.with(payment);
        ledger.with(applyAll(PaymentRecord.unknown(payment.id(), payment.orderId()), new PaymentEvent.PaymentSucceeded(
                "evt_1", payment.id(), payment.orderId(), minute(101), AMOUNT, null)));
        PaymentRecord known = ledger.record(payment.id()).orElseThrow();

        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(1, 0, 0))
            .verifyComplete();
        assertThat(ledger.record(payment.id())).contains(known);
        assertThat(ledger.saves).hasValue(0);
        assertThat(ledger.seen("reconciliation:pi_known:succeeded")).isFalse();
    }

    @Test
    void recordsACancellationAndADeclineWhoseWebhooksNeverArrived() {
        Payment canceled = payment("pi_canceled", PaymentStatus.CANCELED, null);
        Payment declined = payment("pi_declined", PaymentStatus.REQUIRES_PAYMENT_METHOD, "insufficient_funds");
        gateway.with(canceled).with(declined);

        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(2, 2, 0))
            .verifyComplete();
        assertThat(ledger.record(canceled.id()))
            .hasValueSatisfying(record -> assertThat(record.status()).isEqualTo(PaymentStatus.CANCELED));
        assertThat(ledger.record(declined.id())).hasValueSatisfying(record -> {
            assertThat(record.status()).isEqualTo(PaymentStatus.REQUIRES_PAYMENT_METHOD);
            assertThat(record.declineCode()).isEqualTo("insufficient_funds");
        });
    }

    @Test
    void countsEveryOrderPaymentExaminedAndEachOneRepaired() {
        Payment known = payment("pi_known", PaymentStatus.SUCCEEDED, null);
        ledger.with(applyAll(PaymentRecord.unknown(known.id(), known.orderId()),
                new PaymentEvent.PaymentSucceeded("evt_1", known.id(), known.orderId(), minute(101), AMOUNT, null)));
        gateway.with(payment("pi_lost", PaymentStatus.SUCCEEDED, null))
            .with(payment("pi_canceled", PaymentStatus.CANCELED, null))
            .with(known)
            .with(payment("pi_processing", PaymentStatus.PROCESSING, null))
            .with(payment("pi_untried", PaymentStatus.REQUIRES_PAYMENT_METHOD, null))
            .with(new Payment(new PaymentIntentId("pi_foreign"), null, AMOUNT, PaymentStatus.SUCCEEDED, null, null,
                    null, minute(100)));

        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(5, 2, 0))
            .verifyComplete();
        assertThat(ledger.record(new PaymentIntentId("pi_processing"))).isEmpty();
        assertThat(ledger.record(new PaymentIntentId("pi_untried"))).isEmpty();
    }

    @Test
    void cancelsAnOpenPaymentWhoseOrderWasNeverStoredOnceNoOrderCouldStillBeStoredForIt() {
        Order stored = OrderFixtures
            .place(CartFixtures.priced(CartFixtures.line("TEE-RED-M", 1)),
                    OrderFixtures.termsOf(OrderFixtures.terms(CartFixtures.NORDIC, 1500, OrderFixtures.NORDIC_ACCOUNT)))
            .withPayment(new PaymentIntentId("pi_stored"));
        Duration abandonedAfter = Duration.ofMinutes(16);
        // A checkout died after creating its payment, before storing its order.
        Payment abandoned = payment("pi_abandoned", PaymentStatus.REQUIRES_PAYMENT_METHOD, null);
        // Another may still store its order: too young to tell.
        Payment young = new Payment(new PaymentIntentId("pi_young"), new OrderId(UUID.randomUUID()), AMOUNT,
                PaymentStatus.REQUIRES_PAYMENT_METHOD, "secret_young", null, null,
                NOW.minus(abandonedAfter).plusSeconds(1));
        // Not open: money may have moved, so never cancelled here.
        Payment processing = payment("pi_processing", PaymentStatus.PROCESSING, null);
        gateway.with(abandoned)
            .with(young)
            .with(processing)
            .with(new Payment(new PaymentIntentId("pi_stored"), stored.id(), AMOUNT,
                    PaymentStatus.REQUIRES_PAYMENT_METHOD, "secret_stored", null, null, minute(100)));
        ReconcilePayments withOrders = new ReconcilePayments(gateway, ledger,
                new RecordPaymentEvent(ledger, new InMemoryTransactions(ledger)), Clock.fixed(NOW, ZoneOffset.UTC),
                payment -> Mono.empty(), new InMemoryOrders().with(stored), abandonedAfter);

        StepVerifier.create(withOrders.reconcile(LOOK_BACK))
            .assertNext(pass -> assertThat(pass.abandonedCancelled()).isOne())
            .verifyComplete();
        assertThat(gateway.cancelled).containsExactly(abandoned.id());
    }

    @Test
    void reportsNothingWhenNoPaymentWasCreatedWithinTheLookBack() {
        gateway.with(new Payment(new PaymentIntentId("pi_old"), new OrderId(UUID.randomUUID()), AMOUNT,
                PaymentStatus.SUCCEEDED, null, null, null, NOW.minus(LOOK_BACK).minusSeconds(1)));

        StepVerifier.create(reconcilePayments.reconcile(LOOK_BACK))
            .expectNext(new Reconciliation(0, 0, 0))
            .verifyComplete();
        assertThat(ledger.record(new PaymentIntentId("pi_old"))).isEmpty();
    }

    /** The payment as Stripe shows it once its charge was refunded in full. */
    private static Payment refunded(Payment payment) {
        return new Payment(payment.id(), payment.orderId(), payment.amount(), payment.status(), payment.clientSecret(),
                payment.latestChargeId(), payment.declineCode(), payment.createdAt(),
                new Payment.Refunded(payment.amount(), true));
    }

    private static Payment payment(String id, PaymentStatus status, @Nullable String declineCode) {
        return new Payment(new PaymentIntentId(id), new OrderId(UUID.nameUUIDFromBytes(id.getBytes())), AMOUNT, status,
                "secret_" + id, "ch_" + id, declineCode, minute(100));
    }

}
