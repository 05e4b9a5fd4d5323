package dev.surge.checkout.domain;

/**
 * A signed-in customer, as the identity provider names them (the token's {@code sub}).
 */
public record CustomerId(String value) {

    public CustomerId {
        value = Text.required(value, "customer id", 255);
    }

    @Override
    public String toString() {
        return value;
    }

}
