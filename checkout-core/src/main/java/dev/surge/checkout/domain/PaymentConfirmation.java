package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * What confirming a payment with a payment method came to. A decline is an outcome the
 * customer can act on (try another card), not a failure of the system.
 */
public sealed interface PaymentConfirmation {

    Payment payment();

    /**
     * The charge went through ({@code SUCCEEDED}) or is settling ({@code PROCESSING}).
     */
    record Confirmed(Payment payment) implements PaymentConfirmation {

        public Confirmed {
            Objects.requireNonNull(payment, "payment");
        }

    }

    /** The customer must act first (for example 3-D Secure) using the client secret. */
    record ActionRequired(Payment payment) implements PaymentConfirmation {

        public ActionRequired {
            Objects.requireNonNull(payment, "payment");
        }

    }

    /**
     * The card was declined; the payment awaits another method.
     *
     * @param declineCode the provider's decline code, such as {@code card_declined} or
     * {@code insufficient_funds}
     * @param message a message safe to show the customer
     */
    record Declined(Payment payment, String declineCode, String message) implements PaymentConfirmation {

        public Declined {
            Objects.requireNonNull(payment, "payment");
            Objects.requireNonNull(declineCode, "declineCode");
            Objects.requireNonNull(message, "message");
        }

    }

}
