package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The provider's view of one payment attempt (a PaymentIntent), as last read.
 *
 * @param orderId the order it collects for; {@code null} for payments Surge did not
 * create
 * @param clientSecret handed to the storefront to finish the payment in the browser
 * @param latestChargeId the charge of the latest attempt, the source of vendor transfers
 * @param declineCode why the latest attempt was declined, while it stands
 * @param refunded what was refunded of its charge, when read with it (reconciliation
 * reads it; {@code null}: not read)
 */
public record Payment(PaymentIntentId id, @Nullable OrderId orderId, Money amount, PaymentStatus status,
        @Nullable String clientSecret, @Nullable String latestChargeId, @Nullable String declineCode, Instant createdAt,
        @Nullable Refunded refunded) {

    /** A payment as read without its charge's refunds. */
    public Payment(PaymentIntentId id, @Nullable OrderId orderId, Money amount, PaymentStatus status,
            @Nullable String clientSecret, @Nullable String latestChargeId, @Nullable String declineCode,
            Instant createdAt) {
        this(id, orderId, amount, status, clientSecret, latestChargeId, declineCode, createdAt, null);
    }

    /**
     * What was refunded of a charge.
     *
     * @param amount everything refunded so far
     * @param full whether nothing is left to refund
     */
    public record Refunded(Money amount, boolean full) {

        public Refunded {
            Objects.requireNonNull(amount, "amount");
        }

    }

    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

}
