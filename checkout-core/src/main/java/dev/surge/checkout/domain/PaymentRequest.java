package dev.surge.checkout.domain;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a checkout asks the provider to collect: the order's total, from the customer,
 * split between vendors as {@code split} says.
 *
 * @param customerEmail where the provider sends the receipt; {@code null} sends none
 */
public record PaymentRequest(OrderId orderId, Money amount, @Nullable String customerEmail, PaymentSplit split) {

    public PaymentRequest {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(split, "split");
        if (amount.minor() == 0) {
            throw new IllegalArgumentException("a payment must collect a positive amount");
        }
        if (split instanceof PaymentSplit.DestinationCharge charge && charge.applicationFee().compareTo(amount) > 0) {
            throw new IllegalArgumentException("the application fee cannot exceed the amount collected");
        }
        if (customerEmail != null) {
            customerEmail = Text.required(customerEmail, "customer email", 320);
        }
    }

}
