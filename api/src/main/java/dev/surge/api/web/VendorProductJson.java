package dev.surge.api.web;

import java.util.List;
import java.util.Map;

import dev.surge.checkout.domain.ProductContent;
import dev.surge.checkout.domain.VariantContent;
import dev.surge.checkout.domain.VendorProduct;
import org.jspecify.annotations.Nullable;

/**
 * A product as its vendor and the operator see it: moderation state, the content on sale
 * (or the draft), and the change that waits for review, if any.
 */
public record VendorProductJson(String productId, String vendorId, String status, @Nullable String statusReason,
        String name, String description, String category, String taxClass, Map<String, String> attributes,
        List<VariantJson> variants, @Nullable ContentJson pendingChange, @Nullable String submittedAt,
        String updatedAt) {

    public record VariantJson(String sku, String name, List<MoneyJson> prices, int onHand) {

        static VariantJson of(VariantContent variant) {
            return new VariantJson(variant.sku().value(), variant.name(),
                    variant.prices().stream().map(MoneyJson::of).toList(), variant.onHand());
        }

    }

    public record ContentJson(String name, String description, String category, String taxClass,
            Map<String, String> attributes, List<VariantJson> variants) {

        static ContentJson of(ProductContent content) {
            return new ContentJson(content.name(), content.description(), content.category(), content.taxClass().name(),
                    content.attributes(), content.variants().stream().map(VariantJson::of).toList());
        }

    }

    static VendorProductJson of(VendorProduct product) {
        ProductContent content = product.content();
        return new VendorProductJson(product.id().toString(), product.vendor().toString(), product.status().name(),
                product.statusReason(), content.name(), content.description(), content.category(),
                content.taxClass().name(), content.attributes(),
                content.variants().stream().map(VariantJson::of).toList(),
                product.pendingChange() == null ? null : ContentJson.of(product.pendingChange()),
                product.submittedAt() == null ? null : product.submittedAt().toString(),
                product.updatedAt().toString());
    }

}
