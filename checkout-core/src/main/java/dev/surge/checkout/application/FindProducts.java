package dev.surge.checkout.application;

import java.util.List;
import java.util.Optional;

import dev.surge.checkout.port.Catalog;
import dev.surge.checkout.port.ProductSearch;
import dev.surge.checkout.port.StockLevels;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Searches the catalog with text, filters and facets: the search engine picks and orders
 * the products, the catalog shows them as it lists them (prices in the currency), with
 * live availability. A product the engine found that the catalog no longer lists (its
 * change is a moment from reaching this instance) is left out of the page.
 */
public final class FindProducts {

    private final ProductSearch search;

    private final Catalog catalog;

    private final SearchProducts listing;

    public FindProducts(ProductSearch search, Catalog catalog, StockLevels stockLevels) {
        this.search = search;
        this.catalog = catalog;
        this.listing = new SearchProducts(catalog, stockLevels);
    }

    /** The page found: products as offered now, the next cursor, the facets if asked. */
    public record Result(List<OfferedProduct> products, Optional<String> next, Optional<ProductSearch.Facets> facets) {
    }

    public Mono<Result> find(ProductSearch.Query query) {
        return search.search(query)
            .flatMap(found -> Flux.fromIterable(found.products())
                .concatMap(id -> catalog.find(id, query.currency()))
                .collectList()
                .flatMap(listed -> listing.withAvailability(listed))
                .map(offered -> new Result(offered, found.next(), found.facets())));
    }

}
