package dev.surge.checkout.domain;

import java.util.Objects;
import java.util.UUID;

/** Identity of a vendor (a seller on the marketplace). */
public record VendorId(UUID value) {

    public VendorId {
        Objects.requireNonNull(value, "value");
    }

    public static VendorId of(String value) {
        return new VendorId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
