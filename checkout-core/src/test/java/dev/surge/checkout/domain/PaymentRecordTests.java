package dev.surge.checkout.domain;

import static dev.surge.checkout.domain.PaymentFixtures.ORDER;
import static dev.surge.checkout.domain.PaymentFixtures.PAYMENT;
import static dev.surge.checkout.domain.PaymentFixtures.applyAll;
import static dev.surge.checkout.domain.PaymentFixtures.canceled;
import static dev.surge.checkout.domain.PaymentFixtures.disputeOpened;
import static dev.surge.checkout.domain.PaymentFixtures.eur;
import static dev.surge.checkout.domain.PaymentFixtures.failed;
import static dev.surge.checkout.domain.PaymentFixtures.minute;
import static dev.surge.checkout.domain.PaymentFixtures.refunded;
import static dev.surge.checkout.domain.PaymentFixtures.succeeded;
import static dev.surge.checkout.domain.PaymentFixtures.unknownPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentRecordTests {

    @Test
    void startsAwaitingAPaymentMethodWithNothingKnown() {
        PaymentRecord record = unknownPayment();

        assertThat(record.status()).isEqualTo(PaymentStatus.REQUIRES_PAYMENT_METHOD);
        assertThat(record.declineCode()).isNull();
        assertThat(record.refunded()).isNull();
        assertThat(record.fullyRefunded()).isFalse();
        assertThat(record.disputed()).isFalse();
        assertThat(record.isStored()).isFalse();
    }

    @Test
    void succeedsAndForgetsTheEarlierDecline() {
        PaymentRecord declined = applyAll(unknownPayment(), failed("evt_1", minute(1), "card_declined"));

        assertThat(declined.apply(succeeded("evt_2", minute(2)))).hasValueSatisfying(next -> {
            assertThat(next.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(next.declineCode()).isNull();
            assertThat(next.lastEventAt()).isEqualTo(minute(2));
        });
    }

    @Test
    void neverLeavesSucceeded() {
        PaymentRecord succeeded = applyAll(unknownPayment(), succeeded("evt_1", minute(1)));

        assertThat(succeeded.apply(canceled("evt_2", minute(2)))).isEmpty();
        assertThat(succeeded.apply(failed("evt_3", minute(3), "card_declined"))).isEmpty();
    }

    @Test
    void remembersTheChargeThatCollectedTheMoneyThroughRefundsAndDisputes() {
        PaymentRecord later = applyAll(unknownPayment(), failed("evt_1", minute(1), "card_declined"),
                succeeded("evt_2", minute(2)), refunded("evt_3", minute(3), 100, false),
                disputeOpened("evt_4", minute(4)));

        assertThat(later.chargeId()).isEqualTo("ch_evt_2");
    }

    @Test
    void neverLeavesCanceled() {
        PaymentRecord canceled = applyAll(unknownPayment(), canceled("evt_1", minute(1)));

        assertThat(canceled.apply(succeeded("evt_2", minute(2)))).isEmpty();
        assertThat(canceled.apply(failed("evt_3", minute(3), "card_declined"))).isEmpty();
    }

    @Test
    void staysCanceledWhenTheUncapturedChargeIsReleased() {
        // Canceling a payment that awaited capture refunds its authorisation: no money
        // was
        // collected, so the refund must not turn the payment into a success.
        PaymentRecord canceled = applyAll(unknownPayment(), canceled("evt_1", minute(1)));

        assertThat(canceled.apply(refunded("evt_2", minute(2), 5000, true))).hasValueSatisfying(next -> {
            assertThat(next.status()).isEqualTo(PaymentStatus.CANCELED);
            assertThat(next.refunded()).isEqualTo(eur(5000));
            assertThat(next.fullyRefunded()).isTrue();
        });
    }

    @Test
    void ignoresAFailureOlderThanTheLastAppliedEvent() {
        PaymentRecord declined = applyAll(unknownPayment(), failed("evt_2", minute(2), "insufficient_funds"));

        assertThat(declined.apply(failed("evt_1", minute(1), "card_declined"))).isEmpty();
    }

    @Test
    void takesTheDeclineOfANewerFailure() {
        PaymentRecord declined = applyAll(unknownPayment(), failed("evt_1", minute(1), "card_declined"));

        assertThat(declined.apply(failed("evt_2", minute(2), "insufficient_funds")))
            .hasValueSatisfying(next -> assertThat(next.declineCode()).isEqualTo("insufficient_funds"));
    }

    @Test
    void remembersANewerFailureWithTheSameDeclineSoThatOlderOnesStayIgnored() {
        PaymentRecord declined = applyAll(unknownPayment(), failed("evt_1", minute(1), "card_declined"),
                failed("evt_3", minute(3), "card_declined"));

        assertThat(declined.lastEventAt()).isEqualTo(minute(3));
        assertThat(declined.apply(failed("evt_2", minute(2), "insufficient_funds"))).isEmpty();
    }

    @Test
    void neverLowersTheRefundedTotal() {
        PaymentRecord refunded = applyAll(unknownPayment(), succeeded("evt_1", minute(1)),
                refunded("evt_3", minute(3), 3000, false));

        assertThat(refunded.apply(refunded("evt_2", minute(2), 1000, false))).isEmpty();
        assertThat(refunded.apply(refunded("evt_4", minute(4), 4000, false)))
            .hasValueSatisfying(next -> assertThat(next.refunded()).isEqualTo(eur(4000)));
    }

    @Test
    void staysFullyRefundedWhenAnOlderPartialRefundArrives() {
        PaymentRecord refunded = applyAll(unknownPayment(), succeeded("evt_1", minute(1)),
                refunded("evt_3", minute(3), 5000, true));

        assertThat(refunded.apply(refunded("evt_2", minute(2), 2000, false))).isEmpty();
        assertThat(refunded.refunded()).isEqualTo(eur(5000));
        assertThat(refunded.fullyRefunded()).isTrue();
    }

    @Test
    void becomesFullyRefundedWhenTheTotalStaysButNothingIsLeft() {
        PaymentRecord refunded = applyAll(unknownPayment(), succeeded("evt_1", minute(1)),
                refunded("evt_2", minute(2), 5000, false));

        assertThat(refunded.apply(refunded("evt_3", minute(3), 5000, true)))
            .hasValueSatisfying(next -> assertThat(next.fullyRefunded()).isTrue());
    }

    @Test
    void takesARefundAsProofThatTheMoneyWasCollected() {
        PaymentRecord declined = applyAll(unknownPayment(), failed("evt_1", minute(1), "card_declined"));

        assertThat(declined.apply(refunded("evt_3", minute(3), 1000, false))).hasValueSatisfying(next -> {
            assertThat(next.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(next.declineCode()).isNull();
            assertThat(next.refunded()).isEqualTo(eur(1000));
            assertThat(next.apply(succeeded("evt_2", minute(2)))).isEmpty();
        });
    }

    @Test
    void takesADisputeAsProofThatTheMoneyWasCollected() {
        PaymentRecord declined = applyAll(unknownPayment(), failed("evt_1", minute(1), "card_declined"));

        assertThat(declined.apply(disputeOpened("evt_3", minute(3)))).hasValueSatisfying(next -> {
            assertThat(next.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(next.declineCode()).isNull();
            assertThat(next.disputed()).isTrue();
            assertThat(next.lastEventAt()).isEqualTo(minute(3));
            assertThat(next.apply(succeeded("evt_2", minute(2)))).isEmpty();
        });
    }

    @Test
    void keepsADisputeRecorded() {
        PaymentRecord disputed = applyAll(unknownPayment(), succeeded("evt_1", minute(1)),
                disputeOpened("evt_2", minute(2)), refunded("evt_3", minute(3), 5000, true));

        assertThat(disputed.disputed()).isTrue();
        assertThat(disputed.fullyRefunded()).isTrue();
    }

    @Test
    void changesNothingWhenAnEventIsDeliveredAgain() {
        List<PaymentEvent> events = List.of(failed("evt_1", minute(1), "card_declined"), succeeded("evt_2", minute(2)),
                refunded("evt_3", minute(3), 5000, true), disputeOpened("evt_4", minute(4)));
        PaymentRecord record = applyAll(unknownPayment(), events);

        assertThat(events).allSatisfy(event -> assertThat(record.apply(event)).isEmpty());
    }

    @Test
    void changesNothingForAnEquivalentEventUnderAnotherId() {
        PaymentRecord declined = applyAll(unknownPayment(), failed("evt_1", minute(1), "card_declined"));
        PaymentRecord canceled = applyAll(unknownPayment(), canceled("evt_2", minute(2)));
        PaymentRecord refunded = applyAll(unknownPayment(), refunded("evt_3", minute(3), 2000, false));
        PaymentRecord disputed = applyAll(unknownPayment(), disputeOpened("evt_4", minute(4)));

        assertThat(declined.apply(failed("evt_1b", minute(1), "card_declined"))).isEmpty();
        assertThat(canceled.apply(canceled("evt_2b", minute(2)))).isEmpty();
        assertThat(refunded.apply(refunded("evt_3b", minute(3), 2000, false))).isEmpty();
        assertThat(disputed.apply(disputeOpened("evt_4b", minute(4)))).isEmpty();
    }

    @Test
    void rejectsAnEventAboutAnotherPayment() {
        var other = new PaymentEvent.PaymentSucceeded("evt_9", new PaymentIntentId("pi_other"), ORDER, minute(1),
                eur(5000), null);

        assertThatIllegalArgumentException().isThrownBy(() -> unknownPayment().apply(other))
            .withMessageContaining("pi_other");
    }

    @Test
    void keepsTheVersionItWasReadAt() {
        var stored = new PaymentRecord(PAYMENT, ORDER, PaymentStatus.REQUIRES_PAYMENT_METHOD, null, null, null, false,
                false, minute(0), 3);

        assertThat(List.of(succeeded("evt_1", minute(1)), refunded("evt_2", minute(2), 100, false),
                disputeOpened("evt_3", minute(3)), failed("evt_4", minute(4), "card_declined"),
                canceled("evt_5", minute(5))))
            .allSatisfy(event -> assertThat(stored.apply(event))
                .hasValueSatisfying(next -> assertThat(next.version()).isEqualTo(3)));
    }

    @Test
    void learnsTheOrderFromTheFirstEventThatNamesIt() {
        PaymentRecord withoutOrder = PaymentRecord.unknown(PAYMENT, null);

        assertThat(withoutOrder.apply(succeeded("evt_1", minute(1))))
            .hasValueSatisfying(next -> assertThat(next.orderId()).isEqualTo(ORDER));
    }

}
