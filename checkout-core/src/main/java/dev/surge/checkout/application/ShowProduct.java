package dev.surge.checkout.application;

import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.Variant;
import dev.surge.checkout.port.Catalog;
import dev.surge.checkout.port.ListedProduct;
import dev.surge.checkout.port.StockLevels;
import java.util.Currency;
import reactor.core.publisher.Mono;

/** Shows one listed product with its live availability. */
public final class ShowProduct {

    private final Catalog catalog;

    private final StockLevels stockLevels;

    public ShowProduct(Catalog catalog, StockLevels stockLevels) {
        this.catalog = catalog;
        this.stockLevels = stockLevels;
    }

    /**
     * Emits the offered product; completes empty when the catalog does not list it in
     * {@code currency} (see {@link Catalog#find}).
     */
    public Mono<OfferedProduct> show(ProductId id, Currency currency) {
        return catalog.find(id, currency).flatMap(this::withAvailability);
    }

    private Mono<OfferedProduct> withAvailability(ListedProduct listing) {
        var skus = listing.pricedVariants().stream().map(Variant::sku).toList();
        return stockLevels.available(skus).map(availability -> OfferedProduct.of(listing, availability));
    }

}
