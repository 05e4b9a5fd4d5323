package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * The stock of one SKU: units on hand, units held by live reservations, and what is left
 * to sell. {@code available} never goes below zero, even when a recount puts on-hand
 * under what is already reserved. On hand is below zero only when more units were sold
 * than a count found (an oversale to resolve, shown rather than hidden).
 */
public record StockLevel(Sku sku, int onHand, int reserved) {

    public StockLevel {
        Objects.requireNonNull(sku, "sku");
        if (reserved < 0) {
            throw new IllegalArgumentException("reserved stock cannot be negative: " + reserved);
        }
    }

    public int available() {
        return Math.max(0, onHand - reserved);
    }

}
