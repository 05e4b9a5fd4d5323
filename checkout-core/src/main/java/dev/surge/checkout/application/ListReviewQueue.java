package dev.surge.checkout.application;

import java.util.List;

import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorProduct;
import dev.surge.checkout.port.VendorProducts;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The operator's review queue: what waits, oldest submission first. */
public final class ListReviewQueue {

    private final VendorProducts products;

    public ListReviewQueue(VendorProducts products) {
        this.products = products;
    }

    public Mono<List<VendorProduct>> list(@Nullable VendorId vendor, VendorProducts.@Nullable QueuePosition after,
            int limit) {
        return products.awaitingReview(vendor, after, limit);
    }

}
