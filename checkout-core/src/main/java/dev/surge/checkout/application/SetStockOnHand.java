package dev.surge.checkout.application;

import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.StockOfRecord;
import dev.surge.checkout.port.StockReservations;
import reactor.core.publisher.Mono;

/**
 * A vendor's stock count: stored in the stock of record first, then in the hot counters,
 * so a failure in between leaves the durable value ahead and a retry of the same count
 * (the request is idempotent) brings both in line. The count reaches the counters with
 * the record's tally of units sold, so a sale that lands between the two writes is
 * neither lost in Redis nor counted twice.
 */
public final class SetStockOnHand {

    private final StockOfRecord stockOfRecord;

    private final StockReservations reservations;

    public SetStockOnHand(StockOfRecord stockOfRecord, StockReservations reservations) {
        this.stockOfRecord = stockOfRecord;
        this.reservations = reservations;
    }

    /** What a count came to. */
    public sealed interface Result {

        /** Stored; {@code level} is what can be sold now. */
        record Updated(StockLevel level) implements Result {
        }

        /** The vendor sells no such SKU; nothing changed. */
        record NotTheVendorsSku(Sku sku) implements Result {
        }

    }

    /** Emits the result; errors when a store fails (nothing is rolled back: retry). */
    public Mono<Result> set(VendorId vendor, Sku sku, int onHand) {
        if (onHand < 0) {
            return Mono.error(new IllegalArgumentException("on hand cannot be negative: " + onHand));
        }
        return stockOfRecord.setOnHand(vendor, sku, onHand)
            .flatMap(counted -> reservations.recount(counted).<Result>map(Result.Updated::new))
            .defaultIfEmpty(new Result.NotTheVendorsSku(sku));
    }

}
