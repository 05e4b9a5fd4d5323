package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * A SKU for sale in one currency as the catalog offers it now: listed product, approved
 * vendor, net unit price.
 */
public record Offer(Sku sku, ProductId productId, VendorId vendorId, String name, TaxClass taxClass, Money unitPrice) {

    public Offer {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(taxClass, "taxClass");
        Objects.requireNonNull(unitPrice, "unitPrice");
        name = Text.required(name, "name", 401);
    }

}
