package dev.surge.checkout.port;

import dev.surge.checkout.domain.Reservation;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import dev.surge.checkout.domain.VendorId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The durable stock of record (PostgreSQL): units on hand per SKU, from which the hot
 * counters of {@link StockReservations} are loaded.
 */
public interface StockOfRecord {

    /** Emits the on-hand of every stocked SKU (with nothing reserved), streaming. */
    Flux<StockLevel> all();

    /**
     * Sets the units on hand of a SKU the vendor sells. Emits {@code true} once stored,
     * {@code false} when the vendor has no such SKU (unknown, or another vendor's).
     */
    Mono<Boolean> setOnHand(VendorId vendor, Sku sku, int onHand);

    /**
     * Records the committed reservation's units as sold: off on-hand for good, once per
     * reservation however often it is called. Completes when durable.
     */
    Mono<Void> recordSale(Reservation reservation);

}
