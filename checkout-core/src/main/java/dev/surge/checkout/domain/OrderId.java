package dev.surge.checkout.domain;

import java.util.Objects;
import java.util.UUID;

/** Identity of an order; payments, transfers and idempotency keys are derived from it. */
public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId of(String value) {
        return new OrderId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }

}
