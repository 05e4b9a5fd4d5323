package dev.surge.checkout.port;

import java.util.List;

import dev.surge.checkout.domain.Sku;

/** SKUs are unique across the marketplace: these belong to another product. */
public final class SkusTaken extends RuntimeException {

    private final List<Sku> skus;

    public SkusTaken(List<Sku> skus) {
        super("SKUs taken by another product: " + skus, null, false, false);
        this.skus = List.copyOf(skus);
    }

    public List<Sku> skus() {
        return skus;
    }

}
