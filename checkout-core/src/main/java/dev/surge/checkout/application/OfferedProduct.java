package dev.surge.checkout.application;

import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.Variant;
import dev.surge.checkout.port.ListedProduct;
import java.util.List;
import java.util.Map;

/**
 * A listed product as a storefront shows it: each priced variant with its price and the
 * units available now.
 */
public record OfferedProduct(ListedProduct listing, List<VariantOffer> variants) {

    public OfferedProduct {
        variants = List.copyOf(variants);
    }

    /**
     * A variant's offer: its price in the asked currency and how many units can be bought
     * right now.
     */
    public record VariantOffer(Variant variant, Money price, int available) {
    }

    static OfferedProduct of(ListedProduct listing, Map<Sku, Integer> availability) {
        List<VariantOffer> offers = listing.pricedVariants()
            .stream()
            .map(variant -> new VariantOffer(variant, listing.prices().get(variant.sku()),
                    availability.getOrDefault(variant.sku(), 0)))
            .toList();
        return new OfferedProduct(listing, offers);
    }
}
