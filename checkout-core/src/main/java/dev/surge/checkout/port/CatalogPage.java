package dev.surge.checkout.port;

import java.util.List;
import java.util.Optional;

/**
 * One page of a catalog search and, when more products follow, the cursor to ask for
 * them.
 */
public record CatalogPage(List<ListedProduct> products, Optional<ProductCursor> next) {

    public CatalogPage {
        products = List.copyOf(products);
    }
}
