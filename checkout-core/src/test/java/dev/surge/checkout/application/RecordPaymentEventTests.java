package dev.surge.checkout.application;

import static dev.surge.checkout.domain.PaymentFixtures.PAYMENT;
import static dev.surge.checkout.domain.PaymentFixtures.applyAll;
import static dev.surge.checkout.domain.PaymentFixtures.eur;
import static dev.surge.checkout.domain.PaymentFixtures.failed;
import static dev.surge.checkout.domain.PaymentFixtures.minute;
import static dev.surge.checkout.domain.PaymentFixtures.refunded;
import static dev.surge.checkout.domain.PaymentFixtures.succeeded;
import static dev.surge.checkout.domain.PaymentFixtures.unknownPayment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentRecord;
import dev.surge.checkout.domain.PaymentStatus;
import dev.surge.checkout.port.ConcurrentPaymentUpdate;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class RecordPaymentEventTests {

    private final InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();

    private final InMemoryTransactions transactions = new InMemoryTransactions(ledger);

    private final RecordPaymentEvent recordPaymentEvent = new RecordPaymentEvent(ledger, transactions);

    @Test
    void appliesANewEventAndStoresTheRecord() {
        PaymentEvent success = succeeded("evt_1", minute(1));

        StepVerifier.create(recordPaymentEvent.record(success))
            .assertNext(outcome -> assertThat(outcome).isInstanceOfSatisfying(PaymentEventOutcome.Applied.class,
                    applied -> {
                        assertThat(applied.event()).isEqualTo(success);
                        assertThat(applied.record().status()).isEqualTo(PaymentStatus.SUCCEEDED);
                        assertThat(applied.record().version()).isEqualTo(1);
                    }))
            .verifyComplete();
        assertThat(ledger.record(PAYMENT)).hasValueSatisfying(stored -> {
            assertThat(stored.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(stored.version()).isEqualTo(1);
        });
        assertThat(ledger.seen("evt_1")).isTrue();
    }

    @Test
    void appliesOnTopOfTheStoredRecord() {
        ledger.with(applyAll(unknownPayment(), succeeded("evt_1", minute(1))));

        StepVerifier.create(recordPaymentEvent.record(refunded("evt_2", minute(2), 1500, false)))
            .assertNext(outcome -> assertThat(outcome).isInstanceOfSatisfying(PaymentEventOutcome.Applied.class,
                    applied -> {
                        assertThat(applied.record().refunded()).isEqualTo(eur(1500));
                        assertThat(applied.record().version()).isEqualTo(2);
                    }))
            .verifyComplete();
    }

    @Test
    void changesNothingWhenTheSameEventIsDeliveredAgain() {
        PaymentEvent decline = failed("evt_1", minute(1), "card_declined");
        StepVerifier.create(recordPaymentEvent.record(decline))
            .expectNextMatches(PaymentEventOutcome.Applied.class::isInstance)
            .verifyComplete();
        PaymentRecord afterFirst = ledger.record(PAYMENT).orElseThrow();

        StepVerifier.create(recordPaymentEvent.record(decline))
            .expectNext(new PaymentEventOutcome.Duplicate(decline))
            .verifyComplete();
        assertThat(ledger.record(PAYMENT)).contains(afterFirst);
        assertThat(ledger.saves).hasValue(1);
    }

    @Test
    void supersedesAFailureOlderThanTheSuccess() {
        ledger.with(applyAll(unknownPayment(), succeeded("evt_2", minute(2))));
        PaymentRecord stored = ledger.record(PAYMENT).orElseThrow();
        PaymentEvent lateDecline = failed("evt_1", minute(1), "card_declined");

        StepVerifier.create(recordPaymentEvent.record(lateDecline))
            .expectNext(new PaymentEventOutcome.Superseded(lateDecline, stored))
            .verifyComplete();
        assertThat(ledger.record(PAYMENT)).contains(stored);
        assertThat(ledger.saves).hasValue(0);
        assertThat(ledger.seen("evt_1")).as("an event that changes nothing writes nothing, not even its id").isFalse();
        StepVerifier.create(recordPaymentEvent.record(lateDecline))
            .as("its re-delivery changes nothing either")
            .expectNext(new PaymentEventOutcome.Superseded(lateDecline, stored))
            .verifyComplete();
    }

    @Test
    void retriesOnFreshDataWhenAnotherWriterStoredThePaymentFirst() {
        ledger.with(applyAll(unknownPayment(), failed("evt_1", minute(1), "card_declined")));
        PaymentRecord succeededMeanwhile = ledger.record(PAYMENT)
            .orElseThrow()
            .apply(succeeded("evt_2", minute(2)))
            .orElseThrow();
        ledger.beforeNextSave(() -> ledger.storedElsewhere(succeededMeanwhile));

        StepVerifier.create(recordPaymentEvent.record(refunded("evt_3", minute(3), 5000, true)))
            .assertNext(outcome -> assertThat(outcome).isInstanceOfSatisfying(PaymentEventOutcome.Applied.class,
                    applied -> {
                        assertThat(applied.record().status()).isEqualTo(PaymentStatus.SUCCEEDED);
                        assertThat(applied.record().fullyRefunded()).isTrue();
                        assertThat(applied.record().lastEventAt()).isEqualTo(minute(3));
                        assertThat(applied.record().version()).isEqualTo(3);
                    }))
            .verifyComplete();
        assertThat(transactions.rollbacks).hasValue(1);
        assertThat(transactions.commits).hasValue(1);
        assertThat(ledger.seen("evt_3")).isTrue();
    }

    @Test
    void givesUpWhenThePaymentKeepsChangingUnderneath() {
        ledger.with(applyAll(unknownPayment(), failed("evt_1", minute(1), "card_declined")));
        for (int i = 0; i < 6; i++) {
            String otherEvent = "evt_other_" + i;
            int otherMinute = 10 + i;
            ledger.beforeNextSave(() -> ledger.storedElsewhere(ledger.record(PAYMENT)
                .orElseThrow()
                .apply(failed(otherEvent, minute(otherMinute), "insufficient_funds"))
                .orElseThrow()));
        }

        StepVerifier.create(recordPaymentEvent.record(succeeded("evt_2", minute(2))))
            .expectError(ConcurrentPaymentUpdate.class)
            .verify();
        assertThat(transactions.rollbacks).hasValue(6);
        assertThat(ledger.seen("evt_2")).isFalse();
    }

    @Test
    void leavesTheEventUnseenWhenSavingFailsSoThatItsRedeliveryApplies() {
        ledger.with(applyAll(unknownPayment(), failed("evt_1", minute(1), "card_declined")));
        PaymentRecord before = ledger.record(PAYMENT).orElseThrow();
        ledger.beforeNextSave(() -> {
            throw new IllegalStateException("connection lost");
        });
        PaymentEvent success = succeeded("evt_2", minute(2));

        StepVerifier.create(recordPaymentEvent.record(success)).expectErrorMessage("connection lost").verify();
        assertThat(ledger.seen("evt_2")).isFalse();
        assertThat(ledger.record(PAYMENT)).contains(before);

        StepVerifier.create(recordPaymentEvent.record(success))
            .assertNext(outcome -> assertThat(outcome).isInstanceOfSatisfying(PaymentEventOutcome.Applied.class,
                    applied -> assertThat(applied.record().status()).isEqualTo(PaymentStatus.SUCCEEDED)))
            .verifyComplete();
        assertThat(ledger.seen("evt_2")).isTrue();
    }

}
