package dev.surge.checkout.domain;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A SKU for sale in one currency as the catalog offers it now: listed product, approved
 * vendor, net unit price, and the most units one buyer may have ({@code null}: no
 * per-buyer limit), which also bounds a cart's line.
 */
public record Offer(Sku sku, ProductId productId, VendorId vendorId, String name, TaxClass taxClass, Money unitPrice,
        @Nullable Integer perBuyerLimit) {

    /** Without a per-buyer limit. */
    public Offer(Sku sku, ProductId productId, VendorId vendorId, String name, TaxClass taxClass, Money unitPrice) {
        this(sku, productId, vendorId, name, taxClass, unitPrice, null);
    }

    public Offer {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(taxClass, "taxClass");
        Objects.requireNonNull(unitPrice, "unitPrice");
        name = Text.required(name, "name", 401);
    }

}
