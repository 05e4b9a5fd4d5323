package dev.surge.checkout.application;

import dev.surge.checkout.domain.PurchaseLimit;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.Offers;
import dev.surge.checkout.port.StockOfRecord;
import dev.surge.checkout.port.StockReservations;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A vendor's per-buyer limit on one of its SKUs (a flash sale's "2 per customer"), or an
 * operator's on any SKU: stored in the stock of record first, then given to the
 * reservations, which check it inside the hold itself, and to the catalog served from
 * memory, which bounds cart lines by it. A failure in between leaves the record ahead; a
 * retry (the request is idempotent) brings all in line, and the counters take it from the
 * record again whenever they are loaded.
 */
public final class SetPurchaseLimit {

    private final StockOfRecord stockOfRecord;

    private final StockReservations reservations;

    private final Offers offers;

    public SetPurchaseLimit(StockOfRecord stockOfRecord, StockReservations reservations, Offers offers) {
        this.stockOfRecord = stockOfRecord;
        this.reservations = reservations;
        this.offers = offers;
    }

    /** What setting the limit came to. */
    public sealed interface Result {

        /** In force; {@code limit} is {@code null} when removed. */
        record Set(Sku sku, @Nullable PurchaseLimit limit) implements Result {
        }

        /** The vendor sells no such SKU (or there is none at all); nothing changed. */
        record NotTheVendorsSku(Sku sku) implements Result {
        }

    }

    /** {@code limit}: {@code null} removes the SKU's limit. */
    public Mono<Result> set(VendorId vendor, Sku sku, @Nullable PurchaseLimit limit) {
        return setLimit(vendor, sku, limit);
    }

    /** An operator's: on any SKU, whoever sells it. */
    public Mono<Result> setForAnyVendor(Sku sku, @Nullable PurchaseLimit limit) {
        return setLimit(null, sku, limit);
    }

    private Mono<Result> setLimit(@Nullable VendorId vendor, Sku sku, @Nullable PurchaseLimit limit) {
        return stockOfRecord.limit(vendor, sku, limit)
            .flatMap(stored -> reservations.limit(sku, stored.limit())
                .then(offers.refresh())
                .thenReturn((Result) new Result.Set(sku, stored.limit())))
            .defaultIfEmpty(new Result.NotTheVendorsSku(sku));
    }

}
