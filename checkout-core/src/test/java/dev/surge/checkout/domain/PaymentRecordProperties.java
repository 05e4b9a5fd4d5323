package dev.surge.checkout.domain;

import static dev.surge.checkout.domain.PaymentFixtures.applyAll;
import static dev.surge.checkout.domain.PaymentFixtures.canceled;
import static dev.surge.checkout.domain.PaymentFixtures.disputeOpened;
import static dev.surge.checkout.domain.PaymentFixtures.failed;
import static dev.surge.checkout.domain.PaymentFixtures.minute;
import static dev.surge.checkout.domain.PaymentFixtures.refunded;
import static dev.surge.checkout.domain.PaymentFixtures.succeeded;
import static dev.surge.checkout.domain.PaymentFixtures.unknownPayment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PaymentRecordProperties {

    @Property
    void endsTheSameWhateverTheDeliveryOrderAndRepeats(@ForAll("deliveries") Delivery delivery) {
        PaymentRecord inOrder = applyAll(unknownPayment(), delivery.lifecycle());
        PaymentRecord delivered = applyAll(unknownPayment(), delivery.delivered());

        assertThat(delivered.status()).isEqualTo(inOrder.status());
        assertThat(delivered.declineCode()).isEqualTo(inOrder.declineCode());
        assertThat(delivered.refunded()).isEqualTo(inOrder.refunded());
        assertThat(delivered.fullyRefunded()).isEqualTo(inOrder.fullyRefunded());
        assertThat(delivered.disputed()).isEqualTo(inOrder.disputed());
    }

    @Property
    void endsWhereTheLifecycleSays(@ForAll("deliveries") Delivery delivery) {
        PaymentRecord delivered = applyAll(unknownPayment(), delivery.delivered());
        List<PaymentEvent> lifecycle = delivery.lifecycle();
        PaymentEvent last = lifecycle.getLast();

        switch (last) {
            case PaymentEvent.PaymentFailed failure -> {
                assertThat(delivered.status()).isEqualTo(PaymentStatus.REQUIRES_PAYMENT_METHOD);
                assertThat(delivered.declineCode()).isEqualTo(failure.declineCode());
            }
            case PaymentEvent.PaymentCanceled cancel ->
                assertThat(delivered.status()).isEqualTo(PaymentStatus.CANCELED);
            default -> {
                assertThat(delivered.status()).isEqualTo(PaymentStatus.SUCCEEDED);
                assertThat(delivered.declineCode()).isNull();
            }
        }
        assertThat(delivered.disputed())
            .isEqualTo(lifecycle.stream().anyMatch(PaymentEvent.DisputeOpened.class::isInstance));
    }

    @Provide
    Arbitrary<Delivery> deliveries() {
        return lifecycles().flatMap(lifecycle -> Arbitraries.integers()
            .between(0, lifecycle.size() - 1)
            .list()
            .ofMaxSize(2 * lifecycle.size())
            .flatMap(repeats -> {
                List<PaymentEvent> delivered = new ArrayList<>(lifecycle);
                repeats.forEach(index -> delivered.add(lifecycle.get(index)));
                return Arbitraries.shuffle(delivered).map(order -> new Delivery(lifecycle, order));
            }));
    }

    /**
     * A payment's events in the order they happened: some declined attempts, then either
     * nothing more, a cancellation, or a success possibly followed by refunds and a
     * dispute.
     */
    private Arbitrary<List<PaymentEvent>> lifecycles() {
        Arbitrary<List<String>> declines = Arbitraries.of("card_declined", "insufficient_funds", "expired_card")
            .injectNull(0.2)
            .list()
            .ofMaxSize(4);
        Arbitrary<Ending> endings = Arbitraries.of(Ending.class);
        Arbitrary<Boolean> partialRefund = Arbitraries.of(true, false);
        Arbitrary<Boolean> fullRefund = Arbitraries.of(true, false);
        Arbitrary<Boolean> dispute = Arbitraries.of(true, false);
        return Combinators.combine(declines, endings, partialRefund, fullRefund, dispute)
            .as(PaymentRecordProperties::lifecycle)
            .filter(lifecycle -> !lifecycle.isEmpty());
    }

    private static List<PaymentEvent> lifecycle(List<String> declines, Ending ending, boolean partialRefund,
            boolean fullRefund, boolean dispute) {
        List<PaymentEvent> events = new ArrayList<>();
        for (String decline : declines) {
            events.add(failed("evt_failed_" + events.size(), minute(events.size()), decline));
        }
        switch (ending) {
            case OPEN -> {
            }
            case CANCELED -> events.add(canceled("evt_canceled", minute(events.size())));
            case SUCCEEDED -> {
                events.add(succeeded("evt_succeeded", minute(events.size())));
                if (partialRefund) {
                    events.add(refunded("evt_refund_partial", minute(events.size()), 1500, false));
                }
                if (fullRefund) {
                    events.add(refunded("evt_refund_full", minute(events.size()), 5000, true));
                }
                if (dispute) {
                    events.add(disputeOpened("evt_dispute", minute(events.size())));
                }
            }
        }
        return List.copyOf(events);
    }

    enum Ending {

        OPEN, CANCELED, SUCCEEDED

    }

    record Delivery(List<PaymentEvent> lifecycle, List<PaymentEvent> delivered) {

        @Override
        public String toString() {
            return "delivered " + delivered.stream().map(PaymentEvent::eventId).toList();
        }

    }

}
