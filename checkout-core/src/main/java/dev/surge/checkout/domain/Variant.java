package dev.surge.checkout.domain;

import java.util.Objects;

/** One sellable variant of a product (size, colour, ...), identified by its SKU. */
public record Variant(Sku sku, String name, TaxClass taxClass) {

    public Variant {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(taxClass, "taxClass");
        name = Text.required(name, "name", 200);
    }
}
