package dev.surge.checkout.domain;

import java.time.Duration;
import dev.surge.testing.TestTime;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Events and records about one payment of 50.00 EUR, at instants counted in minutes from
 * {@link #T0} (the test run's now: no test depends on the date).
 */
public final class PaymentFixtures {

    public static final PaymentIntentId PAYMENT = new PaymentIntentId("pi_fixture");

    public static final OrderId ORDER = OrderId.of("0b5c2f5e-7d0a-4d43-9a57-3c1e0c9f2a11");

    public static final Money AMOUNT = Money.of(5000, "EUR");

    public static final Instant T0 = TestTime.now();

    private PaymentFixtures() {
    }

    public static Instant minute(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    public static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    public static PaymentRecord unknownPayment() {
        return PaymentRecord.unknown(PAYMENT, ORDER);
    }

    public static PaymentEvent.PaymentSucceeded succeeded(String eventId, Instant at) {
        return new PaymentEvent.PaymentSucceeded(eventId, PAYMENT, ORDER, at, AMOUNT, "ch_" + eventId);
    }

    public static PaymentEvent.PaymentFailed failed(String eventId, Instant at, @Nullable String declineCode) {
        return new PaymentEvent.PaymentFailed(eventId, PAYMENT, ORDER, at, declineCode);
    }

    public static PaymentEvent.PaymentCanceled canceled(String eventId, Instant at) {
        return new PaymentEvent.PaymentCanceled(eventId, PAYMENT, ORDER, at);
    }

    /** A refund bringing the total refunded so far to {@code totalMinor} EUR cents. */
    public static PaymentEvent.ChargeRefunded refunded(String eventId, Instant at, long totalMinor,
            boolean fullyRefunded) {
        return new PaymentEvent.ChargeRefunded(eventId, PAYMENT, ORDER, at, eur(totalMinor), fullyRefunded);
    }

    public static PaymentEvent.DisputeOpened disputeOpened(String eventId, Instant at) {
        return new PaymentEvent.DisputeOpened(eventId, PAYMENT, ORDER, at, "dp_fixture", "fraudulent", AMOUNT);
    }

    /** Applies each event in turn, keeping the record when an event changes nothing. */
    public static PaymentRecord applyAll(PaymentRecord record, Iterable<? extends PaymentEvent> events) {
        PaymentRecord current = record;
        for (PaymentEvent event : events) {
            current = current.apply(event).orElse(current);
        }
        return current;
    }

    public static PaymentRecord applyAll(PaymentRecord record, PaymentEvent... events) {
        return applyAll(record, List.of(events));
    }

}
