package dev.surge.checkout.application;

import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorProduct;
import dev.surge.checkout.port.VendorProducts;
import reactor.core.publisher.Mono;

/** One of a vendor's products, whatever its status. */
public final class ShowVendorProduct {

    private final VendorProducts products;

    public ShowVendorProduct(VendorProducts products) {
        this.products = products;
    }

    /** Emits the product; completes empty when the vendor has no such product. */
    public Mono<VendorProduct> show(VendorId vendor, ProductId id) {
        return products.find(id).filter(product -> product.vendor().equals(vendor));
    }

}
