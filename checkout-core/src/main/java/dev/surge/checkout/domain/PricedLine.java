package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * A cart line priced: {@code lineTotal = unitPrice x quantity} (net) and its tax, rounded
 * half up once per line.
 */
public record PricedLine(Sku sku, ProductId productId, VendorId vendorId, String name, int quantity, Money unitPrice,
        Money lineTotal, Money tax) {

    public PricedLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(lineTotal, "lineTotal");
        Objects.requireNonNull(tax, "tax");
    }

}
