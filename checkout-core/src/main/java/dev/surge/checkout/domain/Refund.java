package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * A refund the provider accepted; {@code status} is the provider's (pending, succeeded,
 * failed...).
 */
public record Refund(String id, PaymentIntentId payment, Money amount, String status) {

    public Refund {
        Text.requireToken(id, "refund id", 255);
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
    }

}
