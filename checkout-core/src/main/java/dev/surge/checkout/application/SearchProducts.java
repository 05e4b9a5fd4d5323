package dev.surge.checkout.application;

import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.Variant;
import dev.surge.checkout.port.Catalog;
import dev.surge.checkout.port.CatalogPage;
import dev.surge.checkout.port.ListedProduct;
import dev.surge.checkout.port.ProductQuery;
import dev.surge.checkout.port.StockLevels;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Searches the catalog and adds live availability, with one stock look-up per page rather
 * than per product.
 */
public final class SearchProducts {

    private final Catalog catalog;

    private final StockLevels stockLevels;

    public SearchProducts(Catalog catalog, StockLevels stockLevels) {
        this.catalog = catalog;
        this.stockLevels = stockLevels;
    }

    /**
     * Emits the page of offered products; errors when the catalog or the stock levels
     * cannot be read.
     */
    public Mono<ProductPage> search(ProductQuery query) {
        return catalog.search(query).flatMap(this::withAvailability);
    }

    private Mono<ProductPage> withAvailability(CatalogPage page) {
        return withAvailability(page.products()).map(offers -> new ProductPage(offers, page.next()));
    }

    /** The listings as offered now: one stock look-up for all their variants. */
    Mono<List<OfferedProduct>> withAvailability(List<ListedProduct> listings) {
        List<Sku> skus = listings.stream()
            .map(ListedProduct::pricedVariants)
            .flatMap(List::stream)
            .map(Variant::sku)
            .toList();
        return stockLevels.available(skus)
            .map(availability -> listings.stream().map(listing -> OfferedProduct.of(listing, availability)).toList());
    }

}
