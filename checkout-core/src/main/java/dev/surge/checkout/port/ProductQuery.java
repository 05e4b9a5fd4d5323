package dev.surge.checkout.port;

import dev.surge.checkout.domain.VendorId;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * A search of the listed catalog. {@code text} matches name, description or category
 * case-insensitively; results are ordered by name, then id, and start after {@code after}
 * when given.
 */
public record ProductQuery(Optional<String> text, Optional<VendorId> vendorId, Optional<String> category,
        Currency currency, Optional<ProductCursor> after, int limit) {

    public static final int MAX_LIMIT = 100;

    public ProductQuery {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ": " + limit);
        }
        text = text.map(String::strip).filter(value -> !value.isEmpty());
        category = category.map(String::strip).filter(value -> !value.isEmpty());
    }
}
