package dev.surge.checkout.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Identity of a stock reservation; the checkout derives it from the order, so a retried
 * checkout reserves under the same id and changes nothing twice.
 */
public record ReservationId(UUID value) {

    public ReservationId {
        Objects.requireNonNull(value, "value");
    }

    public static ReservationId of(String value) {
        return new ReservationId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }

}
