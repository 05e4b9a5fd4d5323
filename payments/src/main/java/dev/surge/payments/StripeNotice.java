package dev.surge.payments;

import java.util.Objects;

import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.PaymentEvent;

/** What a verified Stripe webhook tells Surge. */
public sealed interface StripeNotice {

    /** Something happened to a payment. */
    record OfPayment(PaymentEvent event) implements StripeNotice {

        public OfPayment {
            Objects.requireNonNull(event, "event");
        }

    }

    /**
     * A vendor's connected account changed ({@code account.updated}). Only the account is
     * taken: its state is read back from Stripe, since events may come late or out of
     * order.
     */
    record OfPayoutAccount(String eventId, ConnectedAccountId account) implements StripeNotice {

        public OfPayoutAccount {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(account, "account");
        }

    }

    /**
     * A connected account left the platform ({@code account.application.deauthorized}):
     * it can no longer be paid, nor read back.
     */
    record OfDisconnectedAccount(String eventId, ConnectedAccountId account) implements StripeNotice {

        public OfDisconnectedAccount {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(account, "account");
        }

    }

}
