package dev.surge.checkout.domain;

/**
 * A number of units of one SKU in a cart line or reservation: at least 1, at most
 * {@value #MAX} so a typo or an attack cannot reserve a warehouse.
 */
public record Quantity(int value) {

    public static final int MAX = 10_000;

    public Quantity {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("quantity must be within 1.." + MAX + ": " + value);
        }
    }

    public static Quantity of(int value) {
        return new Quantity(value);
    }

}
