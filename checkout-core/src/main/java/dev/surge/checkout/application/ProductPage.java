package dev.surge.checkout.application;

import dev.surge.checkout.port.ProductCursor;
import java.util.List;
import java.util.Optional;

/** One page of offered products and the cursor of the next page, if any. */
public record ProductPage(List<OfferedProduct> products, Optional<ProductCursor> next) {

    public ProductPage {
        products = List.copyOf(products);
    }
}
