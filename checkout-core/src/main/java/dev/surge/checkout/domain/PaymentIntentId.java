package dev.surge.checkout.domain;

/** The payment provider's id of one attempt to collect an order's money. */
public record PaymentIntentId(String value) {

    public PaymentIntentId {
        Text.requireToken(value, "payment intent id", 255);
    }

    @Override
    public String toString() {
        return value;
    }

}
