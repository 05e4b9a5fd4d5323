package dev.surge.checkout.port;

import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Product;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.Variant;
import dev.surge.checkout.domain.Vendor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A product as the catalog lists it in one currency: the product, its selling vendor, and
 * the price of each variant that is for sale in that currency ({@code prices} never holds
 * a SKU the product does not have).
 */
public record ListedProduct(Product product, Vendor vendor, Map<Sku, Money> prices) {

    public ListedProduct {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(vendor, "vendor");
        prices = Map.copyOf(prices);
    }

    /** The variants for sale in the listed currency, in the product's own order. */
    public List<Variant> pricedVariants() {
        return product.variants().stream().filter(variant -> prices.containsKey(variant.sku())).toList();
    }
}
