package dev.surge.checkout.domain;

import java.util.Objects;

/** One SKU and how many units of it a reservation holds. */
public record ReservationLine(Sku sku, Quantity quantity) {

    public ReservationLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(quantity, "quantity");
    }

    public static ReservationLine of(String sku, int quantity) {
        return new ReservationLine(Sku.of(sku), Quantity.of(quantity));
    }

}
