package dev.surge.checkout.domain;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Money to give back from a successful payment.
 *
 * @param amount how much; {@code null} refunds whatever is left
 * @param purpose names this refund among the payment's refunds (for example
 * {@code cancel} or a return's id), so retrying it never refunds twice while two
 * different partial refunds stay possible
 * @param reverseDestinationTransfer for a destination charge: take the refunded share
 * back from the vendor's account and give back the marketplace's fee
 */
public record RefundRequest(PaymentIntentId payment, @Nullable Money amount, String purpose,
        boolean reverseDestinationTransfer) {

    public RefundRequest(PaymentIntentId payment, @Nullable Money amount, String purpose) {
        this(payment, amount, purpose, false);
    }

    public RefundRequest {
        Objects.requireNonNull(payment, "payment");
        Text.requireToken(purpose, "refund purpose", 100);
        if (amount != null && amount.minor() == 0) {
            throw new IllegalArgumentException("a refund must return a positive amount");
        }
    }

}
