package dev.surge.checkout.port;

import java.util.List;

import dev.surge.checkout.domain.Reservation;
import dev.surge.checkout.domain.PurchaseLimit;
import dev.surge.checkout.domain.Sku;
import org.jspecify.annotations.Nullable;
import dev.surge.checkout.domain.VendorId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The durable stock of record (PostgreSQL): units on hand per SKU, from which the hot
 * counters of {@link StockReservations} are loaded.
 */
public interface StockOfRecord {

    /** Emits the stock of every stocked SKU, streaming. */
    Flux<RecordedStock> all();

    /** Emits the stock of those of {@code skus} that are stocked. */
    Flux<RecordedStock> of(List<Sku> skus);

    /**
     * Sets the units on hand of a SKU the vendor sells (a count). Emits the stock as
     * stored with the count, its units sold and its number; completes empty when the
     * vendor has no such SKU (unknown, or another vendor's).
     */
    Mono<RecordedStock> setOnHand(VendorId vendor, Sku sku, int onHand);

    /**
     * Sets or removes ({@code null}) the per-buyer limit of a SKU the vendor sells, or of
     * any SKU when {@code vendor} is {@code null} (an operator). Emits the stock as
     * stored; completes empty when there is no such SKU (of the vendor's).
     */
    Mono<RecordedStock> limit(@Nullable VendorId vendor, Sku sku, @Nullable PurchaseLimit limit);

    /**
     * Opens a waiting room in front of a SKU ({@code admitPerSecond} admissions a second)
     * or removes it ({@code null}), whoever sells it: the operator's call. Emits the
     * stock as stored; completes empty when the SKU is not stocked.
     */
    Mono<RecordedStock> waitingRoom(Sku sku, @Nullable Integer admitPerSecond);

    /**
     * Records the committed reservation's units as sold: off on-hand for good (below zero
     * if a count found fewer than were sold: never clamped, so it shows), added to the
     * units sold, once per reservation however often it is called. Completes when
     * durable.
     */
    Mono<Void> recordSale(Reservation reservation);

}
