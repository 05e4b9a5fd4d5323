package dev.surge.checkout.application;

import dev.surge.checkout.domain.ProductStatus;
import dev.surge.checkout.domain.VendorStatus;
import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Product;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.TaxClass;
import dev.surge.checkout.domain.Variant;
import dev.surge.checkout.domain.Vendor;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.ListedProduct;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

final class CatalogFixtures {

    static final Vendor VENDOR = new Vendor(new VendorId(UUID.randomUUID()), "Nordic Goods", VendorStatus.APPROVED,
            BasisPoints.of(1200));

    private CatalogFixtures() {
    }

    /**
     * A listing whose variants are the given SKUs, each priced in EUR; {@code pricedSkus}
     * limits the prices.
     */
    static ListedProduct listing(Map<String, Long> eurPrices, String... skus) {
        var variants = Arrays.stream(skus).map(sku -> new Variant(Sku.of(sku), sku, TaxClass.STANDARD)).toList();
        var product = new Product(new ProductId(UUID.randomUUID()), VENDOR.id(), "Product " + skus[0], "", "misc",
                ProductStatus.APPROVED, variants);
        var prices = new java.util.HashMap<Sku, Money>();
        eurPrices.forEach((sku, amount) -> prices.put(Sku.of(sku), Money.of(amount, "EUR")));
        return new ListedProduct(product, VENDOR, prices);
    }

}
