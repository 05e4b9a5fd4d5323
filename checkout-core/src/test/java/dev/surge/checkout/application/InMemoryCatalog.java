package dev.surge.checkout.application;

import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.port.Catalog;
import dev.surge.checkout.port.CatalogPage;
import dev.surge.checkout.port.ListedProduct;
import dev.surge.checkout.port.ProductQuery;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * A catalog fake holding listings of one currency; searches return everything, one page.
 */
final class InMemoryCatalog implements Catalog {

    private final List<ListedProduct> listings = new ArrayList<>();

    InMemoryCatalog with(ListedProduct listing) {
        listings.add(listing);
        return this;
    }

    @Override
    public Mono<CatalogPage> search(ProductQuery query) {
        return Mono.fromSupplier(() -> new CatalogPage(List.copyOf(listings), Optional.empty()));
    }

    @Override
    public Mono<ListedProduct> find(ProductId id, Currency currency) {
        return Mono.defer(() -> Mono
            .justOrEmpty(listings.stream().filter(listing -> listing.product().id().equals(id)).findFirst()));
    }

}
