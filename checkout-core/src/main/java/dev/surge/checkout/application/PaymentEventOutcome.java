package dev.surge.checkout.application;

import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentRecord;

/** What handling one payment event did. */
public sealed interface PaymentEventOutcome {

    PaymentEvent event();

    /** The event moved the payment to {@code record}. */
    record Applied(PaymentEvent event, PaymentRecord record) implements PaymentEventOutcome {
    }

    /**
     * The event was new but older than, or the same as, what is known; nothing changed.
     */
    record Superseded(PaymentEvent event, PaymentRecord record) implements PaymentEventOutcome {
    }

    /** The event had been handled before; nothing changed. */
    record Duplicate(PaymentEvent event) implements PaymentEventOutcome {
    }

}
