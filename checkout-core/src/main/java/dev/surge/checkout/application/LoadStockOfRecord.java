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

    /** Emits how many SKUs were looked at. */
    public Mono<Long> load() {
        return stockOfRecord.all()
            .flatMap(level -> reservations.loadIfMissing(level.sku(), level.onHand()), CONCURRENCY)
            .count();
    }

}
