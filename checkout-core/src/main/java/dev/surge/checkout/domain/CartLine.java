package dev.surge.checkout.domain;

import java.util.Objects;

/** A SKU and how many of it a cart holds: 1 to {@value #MAX_QUANTITY}. */
public record CartLine(Sku sku, int quantity) {

    public static final int MAX_QUANTITY = 999;

    public CartLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity must be within 1.." + MAX_QUANTITY + ": " + quantity);
        }
    }

}
