package dev.surge.checkout.domain;

import java.util.Objects;
import java.util.UUID;

/** Identity of a cart. */
public record CartId(UUID value) {

    public CartId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }

}
