package dev.surge.checkout.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a vendor writes about a product and the operator approves: name, description,
 * category, tax class, attributes (such as {@code color}) and at least one variant.
 * Prices and stock travel with it but are not moderated: they apply at once to variants
 * already on sale.
 */
public record ProductContent(String name, String description, String category, TaxClass taxClass,
        Map<String, String> attributes, List<VariantContent> variants) {

    public static final int MAX_VARIANTS = 100;

    public static final int MAX_ATTRIBUTES = 30;

    public ProductContent {
        name = Text.required(name, "name", 200);
        description = Text.optional(description, 4_000, "description");
        category = Text.required(category, "category", 100);
        Objects.requireNonNull(taxClass, "taxClass");
        Map<String, String> cleaned = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            String attribute = Text.required(key, "attribute name", 50);
            // Search keeps attributes as "name=value" pairs.
            if (attribute.contains("=")) {
                throw new IllegalArgumentException("an attribute name cannot contain '='");
            }
            cleaned.put(attribute, Text.required(value, "attribute " + key, 200));
        });
        if (cleaned.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("a product has at most " + MAX_ATTRIBUTES + " attributes");
        }
        attributes = java.util.Collections.unmodifiableMap(cleaned);
        variants = List.copyOf(variants);
        if (variants.isEmpty() || variants.size() > MAX_VARIANTS) {
            throw new IllegalArgumentException("a product has 1.." + MAX_VARIANTS + " variants");
        }
        if (variants.stream().map(VariantContent::sku).distinct().count() != variants.size()) {
            throw new IllegalArgumentException("a product cannot list the same SKU twice");
        }
    }

    public Optional<VariantContent> variant(Sku sku) {
        return variants.stream().filter(variant -> variant.sku().equals(sku)).findFirst();
    }

    /**
     * Whether {@code other} says the same as this where moderation looks (everything but
     * prices and stock).
     */
    public boolean sameModeratedContentAs(ProductContent other) {
        return name.equals(other.name) && description.equals(other.description) && category.equals(other.category)
                && taxClass == other.taxClass && attributes.equals(other.attributes)
                && variants.size() == other.variants.size()
                && variants.stream()
                    .allMatch(variant -> other.variant(variant.sku())
                        .filter(same -> same.name().equals(variant.name()))
                        .isPresent());
    }

    /**
     * This content with the prices and stock {@code edited} gives its variants that this
     * content has too (the part of an edit that applies at once).
     */
    public ProductContent withPricesAndStockFrom(ProductContent edited) {
        return new ProductContent(name, description, category, taxClass, attributes,
                variants.stream()
                    .map(variant -> edited.variant(variant.sku())
                        .map(changed -> variant.withPricesAndStock(changed.prices(), changed.onHand()))
                        .orElse(variant))
                    .toList());
    }

}
