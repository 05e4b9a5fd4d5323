package dev.surge.checkout.application;

import dev.surge.checkout.domain.Reservation;
import dev.surge.checkout.domain.PurchaseLimit;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import dev.surge.checkout.port.CounterTally;
import dev.surge.checkout.port.QueueStatus;
import dev.surge.checkout.port.RecordedStock;
import dev.surge.checkout.port.StockOfRecord;
import dev.surge.checkout.port.StockReservations;
import dev.surge.checkout.domain.VendorId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Holds by id, each ending once (committed, released or expired) as the reservation
 * script ends them; and the sales recorded in the stock of record. Levels are not kept.
 */
final class InMemoryStockReservations implements StockReservations, StockOfRecord {

    private final Map<ReservationId, ReservationState> holds = new ConcurrentHashMap<>();

    /** The reservations sold in the stock of record, in order. */
    final List<ReservationId> sales = new CopyOnWriteArrayList<>();

    InMemoryStockReservations holding(ReservationId id) {
        holds.put(id, ReservationState.HELD);
        return this;
    }

    InMemoryStockReservations expired(ReservationId id) {
        holds.put(id, ReservationState.EXPIRED);
        return this;
    }

    ReservationState state(ReservationId id) {
        return holds.getOrDefault(id, ReservationState.UNKNOWN);
    }

    @Override
    public Mono<ReservationState> release(ReservationId id) {
        return end(id, ReservationState.RELEASED);
    }

    @Override
    public Mono<ReservationState> commit(ReservationId id) {
        return end(id, ReservationState.COMMITTED);
    }

    /** Ends a held hold as {@code ending}; emits the state it is in afterwards. */
    private Mono<ReservationState> end(ReservationId id, ReservationState ending) {
        return Mono
            .fromSupplier(
                    () -> holds.computeIfPresent(id, (key, state) -> state == ReservationState.HELD ? ending : state))
            .defaultIfEmpty(ReservationState.UNKNOWN);
    }

    @Override
    public Mono<Void> recordSale(Reservation reservation) {
        return Mono.fromRunnable(() -> sales.add(reservation.id()));
    }

    @Override
    public Mono<ReservationOutcome> reserve(ReservationId id, List<ReservationLine> lines, Duration ttl,
            Holder holder) {
        return unsupported();
    }

    @Override
    public Mono<Void> queue(Sku sku, @Nullable Integer admitPerSecond) {
        return unsupported();
    }

    @Override
    public Mono<QueueStatus> queueStatus(String token) {
        return unsupported();
    }

    @Override
    public Mono<RecordedStock> waitingRoom(Sku sku, @Nullable Integer admitPerSecond) {
        return unsupported();
    }

    @Override
    public Mono<Void> limit(Sku sku, @Nullable PurchaseLimit limit) {
        return unsupported();
    }

    @Override
    public Mono<RecordedStock> limit(VendorId vendor, Sku sku, @Nullable PurchaseLimit limit) {
        return unsupported();
    }

    @Override
    public Mono<StockLevel> setOnHand(Sku sku, int onHand) {
        return unsupported();
    }

    @Override
    public Mono<StockLevel> recount(RecordedStock counted) {
        return unsupported();
    }

    @Override
    public Mono<StockLevel> loadIfMissing(RecordedStock recorded) {
        return unsupported();
    }

    @Override
    public Mono<StockLevel> repair(RecordedStock recorded) {
        return unsupported();
    }

    @Override
    public Flux<CounterTally> tallies(List<Sku> skus) {
        return Flux.error(new UnsupportedOperationException("levels are not kept here"));
    }

    @Override
    public Mono<StockLevel> adjust(Sku sku, int delta) {
        return unsupported();
    }

    @Override
    public Mono<Boolean> countersLoaded() {
        return unsupported();
    }

    @Override
    public Mono<Void> markCountersLoaded() {
        return unsupported();
    }

    @Override
    public Flux<StockLevel> levels(List<Sku> skus) {
        return Flux.error(new UnsupportedOperationException("levels are not kept here"));
    }

    @Override
    public Mono<Map<Sku, Integer>> available(Collection<Sku> skus) {
        return unsupported();
    }

    @Override
    public Flux<RecordedStock> of(List<Sku> skus) {
        return Flux.error(new UnsupportedOperationException("levels are not kept here"));
    }

    @Override
    public Flux<RecordedStock> all() {
        return Flux.error(new UnsupportedOperationException("levels are not kept here"));
    }

    @Override
    public Mono<RecordedStock> setOnHand(VendorId vendor, Sku sku, int onHand) {
        return unsupported();
    }

    private static <T> Mono<T> unsupported() {
        return Mono.error(new UnsupportedOperationException("levels are not kept here"));
    }

}
