package dev.surge.checkout.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stock keeping unit: the code of one sellable variant. Upper-case letters, digits,
 * dashes and underscores, 2 to 64 characters, so it is safe in Redis keys, URLs and logs
 * without escaping.
 */
public record Sku(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1,63}");

    public Sku {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid SKU: '" + value + "' (expected " + FORMAT + ")");
        }
    }

    public static Sku of(String value) {
        return new Sku(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
