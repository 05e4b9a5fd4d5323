package dev.surge.checkout.application;

import java.util.List;

import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.ProductStatus;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorProduct;
import dev.surge.checkout.port.VendorProducts;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** A vendor's own products, any status, with what waits for review. */
public final class ListVendorProducts {

    private final VendorProducts products;

    public ListVendorProducts(VendorProducts products) {
        this.products = products;
    }

    public Mono<List<VendorProduct>> list(VendorId vendor, @Nullable ProductStatus status, @Nullable ProductId after,
            int limit) {
        return products.list(vendor, status, after, limit);
    }

}
