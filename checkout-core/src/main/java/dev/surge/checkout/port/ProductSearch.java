package dev.surge.checkout.port;

import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.VendorId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Finds listed products (approved, of approved vendors, priced in the currency) by text,
 * filters and facets. The engine is the adapter's (PostgreSQL full text today); its
 * cursors are opaque strings the caller hands back unchanged.
 */
public interface ProductSearch {

    /**
     * Emits one page of matching products in the asked order, the cursor of the next
     * page, and facet counts over the whole result when asked.
     * @throws IllegalArgumentException (as an error signal) for a cursor it did not hand
     * out
     */
    Mono<Found> search(Query query);

    enum Sort {

        /** Best match first (the default with a text). */
        RELEVANCE,
        /** By name, then id (the default without a text). */
        NAME,
        /** Lowest price first, by the product's lowest variant price in the currency. */
        PRICE, PRICE_DESCENDING,
        /** Most recently added first. */
        NEWEST

    }

    /**
     * A search: {@code text} in the shopper's words (stemmed; a typo falls back to the
     * nearest names), exact filters, a price range in minor units of {@code currency}
     * (inclusive), attributes that must all match, and {@code after}, a cursor from a
     * previous page of the same search.
     */
    record Query(Optional<String> text, Optional<VendorId> vendor, Optional<String> category, Currency currency,
            @Nullable Long minPrice, @Nullable Long maxPrice, Map<String, String> attributes, Sort sort, boolean facets,
            Optional<String> after, int limit) {

        public Query {
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(sort, "sort");
            text = text.map(String::strip).filter(value -> !value.isEmpty());
            category = category.map(String::strip).filter(value -> !value.isEmpty());
            attributes = Map.copyOf(attributes);
            if (limit < 1 || limit > ProductQuery.MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be within 1.." + ProductQuery.MAX_LIMIT);
            }
        }

    }

    /**
     * A page of product ids in order, the next page's cursor, and the facets if asked.
     */
    record Found(List<ProductId> products, Optional<String> next, Optional<Facets> facets) {

        public Found {
            products = List.copyOf(products);
        }

    }

    /**
     * Counts over the whole result: per vendor (labelled with its name), per category,
     * per price range, per attribute value.
     */
    record Facets(List<Count> vendors, List<Count> categories, List<PriceRange> prices,
            Map<String, List<Count>> attributes) {
    }

    record Count(String value, @Nullable String label, long count) {
    }

    /**
     * Products whose lowest price is at least {@code from} and below {@code to} (open:
     * none).
     */
    record PriceRange(long from, @Nullable Long to, long count) {
    }

}
