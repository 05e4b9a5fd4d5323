package dev.surge.checkout.domain;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What the marketplace keeps of one order line, and the rule that decided it
 * ({@code null} when no rule applied), frozen on the line when the order is placed.
 */
public record LineCommission(Sku sku, @Nullable UUID rule, Money amount) {

    public LineCommission {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(amount, "amount");
    }

}
