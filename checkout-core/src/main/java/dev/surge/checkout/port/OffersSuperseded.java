package dev.surge.checkout.port;

import java.util.List;

import dev.surge.checkout.domain.Sku;

/**
 * The order was priced from offers the catalog of record no longer holds (a price
 * changed, or the product or its vendor left the catalog, after the cart was priced);
 * nothing was written.
 */
public final class OffersSuperseded extends RuntimeException {

    private final List<Sku> skus;

    public OffersSuperseded(List<Sku> skus) {
        super("offers superseded: " + skus, null, false, false);
        this.skus = List.copyOf(skus);
    }

    /** The order's SKUs whose offer is not the one it was priced from. */
    public List<Sku> skus() {
        return skus;
    }

}
