package dev.surge.checkout.application;

import dev.surge.checkout.domain.Reservation;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.port.StockOfRecord;
import dev.surge.checkout.port.StockReservations;
import reactor.core.publisher.Mono;

/**
 * Sells a reservation's stock: commits the hold in the hot counters, then records the
 * sale in the stock of record. Both steps are idempotent per reservation, so after a
 * failure between them the caller retries the whole commit and nothing is counted twice;
 * counters rebuilt from the stock of record after Redis lost its data then never count
 * the sold units as available.
 */
public final class CommitReservation {

    private final StockReservations reservations;

    private final StockOfRecord stockOfRecord;

    public CommitReservation(StockReservations reservations, StockOfRecord stockOfRecord) {
        this.reservations = reservations;
        this.stockOfRecord = stockOfRecord;
    }

    /**
     * Emits {@code COMMITTED} once the sale is durable; otherwise the state the hold
     * ended in ({@code EXPIRED}, {@code RELEASED}, {@code UNKNOWN}): nothing was sold and
     * the checkout cancels the order.
     */
    public Mono<ReservationState> commit(Reservation reservation) {
        return commitHold(reservation).flatMap(state -> state == ReservationState.COMMITTED
                ? recordSale(reservation).thenReturn(state) : Mono.just(state));
    }

    /**
     * The first step alone, for a caller that records the sale with other writes in one
     * unit of work ({@link #recordSale}); emits the state the hold is in.
     */
    public Mono<ReservationState> commitHold(Reservation reservation) {
        return reservations.commit(reservation.id());
    }

    /**
     * The second step alone: the sale in the stock of record (in the caller's unit of
     * work).
     */
    public Mono<Void> recordSale(Reservation reservation) {
        return stockOfRecord.recordSale(reservation);
    }

}
