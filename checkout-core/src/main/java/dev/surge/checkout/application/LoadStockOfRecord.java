package dev.surge.checkout.application;

import dev.surge.checkout.port.StockOfRecord;
import dev.surge.checkout.port.StockReservations;
import reactor.core.publisher.Mono;

/**
 * Fills the hot counters from the stock of record wherever they are missing: on a first
 * start, and after Redis lost its data. SKUs Redis still knows keep their counters, holds
 * included.
 */
public final class LoadStockOfRecord {

    private static final int CONCURRENCY = 64;

    private final StockOfRecord stockOfRecord;

    private final StockReservations reservations;

    public LoadStockOfRecord(StockOfRecord stockOfRecord, StockReservations reservations) {
        this.stockOfRecord = stockOfRecord;
        this.reservations = reservations;
    }

    /**
     * Loads every missing counter, then marks the counters loaded. Emits how many SKUs
     * were looked at.
     */
    public Mono<Long> load() {
        return stockOfRecord.all()
            .flatMap(reservations::loadIfMissing, CONCURRENCY)
            .count()
            .flatMap(skus -> reservations.markCountersLoaded().thenReturn(skus));
    }

    /**
     * Loads again only when the store lost the counters; emits how many SKUs were looked
     * at, or completes empty when nothing was lost. Until a SKU is back, reservations of
     * it are refused as unknown, so there is no window in which it could be oversold;
     * holds lost with the data make their commits answer {@code UNKNOWN}, and the
     * checkout cancels.
     */
    public Mono<Long> reloadIfLost() {
        return reservations.countersLoaded().filter(loaded -> !loaded).flatMap(lost -> load());
    }

}
