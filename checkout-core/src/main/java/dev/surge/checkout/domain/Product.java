package dev.surge.checkout.domain;

import java.util.List;
import java.util.Objects;

/**
 * A product a vendor lists, with at least one variant. Listed to customers only once
 * approved.
 */
public record Product(ProductId id, VendorId vendorId, String name, String description, String category,
        ProductStatus status, List<Variant> variants) {

    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(status, "status");
        name = Text.required(name, "name", 200);
        description = Text.optional(description, 4_000, "description");
        category = Text.required(category, "category", 100);
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a product needs at least one variant");
        }
        if (variants.stream().map(Variant::sku).distinct().count() != variants.size()) {
            throw new IllegalArgumentException("a product cannot list the same SKU twice");
        }
    }

    public boolean isListed(Vendor vendor) {
        return status.isApproved() && vendor.id().equals(vendorId) && vendor.canSell();
    }
}
