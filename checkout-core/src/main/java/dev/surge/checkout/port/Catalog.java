package dev.surge.checkout.port;

import dev.surge.checkout.domain.ProductId;
import java.util.Currency;
import reactor.core.publisher.Mono;

/**
 * The products customers may buy: approved products of approved vendors, priced per
 * currency. Implementations read from the store of record; they never list a product with
 * no variant priced in the asked currency.
 */
public interface Catalog {

    /**
     * Emits one page of listed products matching {@code query}; an empty page when
     * nothing matches. Errors with the store's error when the catalog cannot be read.
     */
    Mono<CatalogPage> search(ProductQuery query);

    /**
     * Emits the product listed in {@code currency}; completes empty when the product is
     * unknown, not approved, sold by a vendor that is not approved, or has no variant
     * priced in {@code currency}.
     */
    Mono<ListedProduct> find(ProductId id, Currency currency);

}
