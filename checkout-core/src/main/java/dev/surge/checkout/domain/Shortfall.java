package dev.surge.checkout.domain;

import java.util.Objects;

/** A SKU a reservation could not get enough of: what was asked and what was available. */
public record Shortfall(Sku sku, int requested, int available) {

    public Shortfall {
        Objects.requireNonNull(sku, "sku");
        if (available < 0 || requested <= available) {
            throw new IllegalArgumentException("not a shortfall: requested " + requested + ", available " + available);
        }
    }

}
