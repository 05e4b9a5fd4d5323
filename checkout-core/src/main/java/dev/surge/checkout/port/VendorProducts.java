package dev.surge.checkout.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.ProductStatus;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorProduct;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Vendors' products as moderation sees them, in the store of record (the catalog reads
 * the approved ones from the same tables).
 */
public interface VendorProducts {

    /** Emits the product; completes empty when there is none with that id. */
    Mono<VendorProduct> find(ProductId id);

    /** Emits which of {@code skus} belong to a product other than {@code product}. */
    Mono<List<Sku>> takenElsewhere(ProductId product, Collection<Sku> skus);

    /** Emits whether {@code category} is one products may be filed under. */
    Mono<Boolean> categoryExists(String category);

    /**
     * Stores a new product with its content: variants, prices, and stock of record for
     * SKUs that have none yet.
     * @throws SkusTaken (as an error signal) when another product has one of its SKUs
     */
    Mono<Void> create(VendorProduct product);

    /**
     * Stores {@code changed} if the product is still at the version before it: its
     * content (variants left out are archived, prices replaced, stock of record created
     * for new SKUs, never changed for others), status and pending change. Emits whether
     * it was.
     * @throws SkusTaken (as an error signal) when another product has one of its SKUs
     */
    Mono<Boolean> record(VendorProduct changed);

    /** Replaces the prices of a vendor's SKU; emits whether the vendor sells that SKU. */
    Mono<Boolean> setPrices(VendorId vendor, Sku sku, List<Money> prices);

    /**
     * Emits a vendor's products in {@code status} (any when {@code null}) in id order
     * after {@code after}.
     */
    Mono<List<VendorProduct>> list(VendorId vendor, @Nullable ProductStatus status, @Nullable ProductId after,
            int limit);

    /**
     * Emits what waits for review (submitted products and pending changes), oldest
     * submission first, after the given position, optionally of one vendor.
     */
    Mono<List<VendorProduct>> awaitingReview(@Nullable VendorId vendor, @Nullable QueuePosition after, int limit);

    /** A place in the review queue. */
    record QueuePosition(Instant submittedAt, ProductId product) {
    }

}
