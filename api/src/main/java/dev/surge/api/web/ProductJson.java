package dev.surge.api.web;

import dev.surge.checkout.application.OfferedProduct;
import dev.surge.checkout.application.OfferedProduct.VariantOffer;
import java.util.List;

/**
 * A listed product with its variants priced in the asked currency and their live
 * availability.
 */
public record ProductJson(String id, String vendorId, String vendorName, String name, String description,
        String category, List<VariantJson> variants) {

    /** One variant: {@code available} is how many units can be bought right now. */
    public record VariantJson(String sku, String name, MoneyJson price, int available, String taxClass) {

        static VariantJson of(VariantOffer offer) {
            return new VariantJson(offer.variant().sku().value(), offer.variant().name(), MoneyJson.of(offer.price()),
                    offer.available(), offer.variant().taxClass().name());
        }
    }

    public static ProductJson of(OfferedProduct offered) {
        var product = offered.listing().product();
        return new ProductJson(product.id().toString(), product.vendorId().toString(),
                offered.listing().vendor().name(), product.name(), product.description(), product.category(),
                offered.variants().stream().map(VariantJson::of).toList());
    }
}
