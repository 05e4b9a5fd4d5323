package dev.surge.checkout.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Identity of a product; a product groups the variants (SKUs) a customer chooses between.
 */
public record ProductId(UUID value) {

    public ProductId {
        Objects.requireNonNull(value, "value");
    }

    public static ProductId of(String value) {
        return new ProductId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
