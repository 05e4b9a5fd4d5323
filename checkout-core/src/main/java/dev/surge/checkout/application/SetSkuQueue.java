package dev.surge.checkout.application;

import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.StockOfRecord;
import dev.surge.checkout.port.StockReservations;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The operator opens (or closes) a waiting room in front of a hot SKU: stored with the
 * stock of record first, then given to the reservations, which admit shoppers inside the
 * hold itself. A failure in between leaves the record ahead; a retry brings both in line,
 * and the counters take it from the record again whenever they are loaded.
 */
public final class SetSkuQueue {

    private final StockOfRecord stockOfRecord;

    private final StockReservations reservations;

    public SetSkuQueue(StockOfRecord stockOfRecord, StockReservations reservations) {
        this.stockOfRecord = stockOfRecord;
        this.reservations = reservations;
    }

    /**
     * Emits the rate in force ({@code 0} when the room is closed); completes empty when
     * the SKU is not stocked.
     */
    public Mono<Integer> set(Sku sku, @Nullable Integer admitPerSecond) {
        if (admitPerSecond != null && (admitPerSecond < 1 || admitPerSecond > 10_000)) {
            return Mono.error(new IllegalArgumentException("admitPerSecond must be between 1 and 10000"));
        }
        return stockOfRecord.waitingRoom(sku, admitPerSecond)
            .flatMap(stored -> reservations.queue(sku, stored.admitPerSecond())
                .thenReturn(stored.admitPerSecond() == null ? 0 : stored.admitPerSecond()));
    }

}
