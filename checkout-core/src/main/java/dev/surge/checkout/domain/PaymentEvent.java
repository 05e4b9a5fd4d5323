package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Something the payment provider reports about a payment (a verified webhook, or a repair
 * found by reconciliation). Each event has the provider's id, by which it is handled at
 * most once, and the instant it happened, by which an older event never overrides a newer
 * one.
 */
public sealed interface PaymentEvent {

    String eventId();

    PaymentIntentId payment();

    /** The order the payment collects for; {@code null} when it is not one of Surge's. */
    @Nullable OrderId orderId();

    Instant occurredAt();

    /**
     * The money was collected.
     *
     * @param chargeId the charge that collected it, when the provider named it (vendor
     * transfers are drawn from it)
     */
    record PaymentSucceeded(String eventId, PaymentIntentId payment, @Nullable OrderId orderId, Instant occurredAt,
            Money amountReceived, @Nullable String chargeId) implements PaymentEvent {

        public PaymentSucceeded {
            requireCommon(eventId, payment, occurredAt);
            Objects.requireNonNull(amountReceived, "amountReceived");
        }

    }

    /** An attempt failed (for example declined); the payment awaits another method. */
    record PaymentFailed(String eventId, PaymentIntentId payment, @Nullable OrderId orderId, Instant occurredAt,
            @Nullable String declineCode) implements PaymentEvent {

        public PaymentFailed {
            requireCommon(eventId, payment, occurredAt);
        }

    }

    /** The payment was given up; nothing was collected. */
    record PaymentCanceled(String eventId, PaymentIntentId payment, @Nullable OrderId orderId,
            Instant occurredAt) implements PaymentEvent {

        public PaymentCanceled {
            requireCommon(eventId, payment, occurredAt);
        }

    }

    /**
     * Money went back to the customer.
     *
     * @param amountRefunded everything refunded so far, not only this refund
     * @param fullyRefunded whether nothing is left to refund
     */
    record ChargeRefunded(String eventId, PaymentIntentId payment, @Nullable OrderId orderId, Instant occurredAt,
            Money amountRefunded, boolean fullyRefunded) implements PaymentEvent {

        public ChargeRefunded {
            requireCommon(eventId, payment, occurredAt);
            Objects.requireNonNull(amountRefunded, "amountRefunded");
        }

    }

    /**
     * The customer's bank disputed the charge; the money is held until it is resolved.
     */
    record DisputeOpened(String eventId, PaymentIntentId payment, @Nullable OrderId orderId, Instant occurredAt,
            String disputeId, String reason, Money amount) implements PaymentEvent {

        public DisputeOpened {
            requireCommon(eventId, payment, occurredAt);
            Objects.requireNonNull(disputeId, "disputeId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(amount, "amount");
        }

    }

    private static void requireCommon(String eventId, PaymentIntentId payment, Instant occurredAt) {
        Text.requireToken(eventId, "event id", 255);
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

}
