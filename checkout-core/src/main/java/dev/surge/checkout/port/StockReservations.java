package dev.surge.checkout.port;

import dev.surge.checkout.domain.Buyer;
import dev.surge.checkout.domain.PurchaseLimit;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Holds stock for checkouts so that no SKU is ever sold beyond what is on hand. Every
 * operation is idempotent per reservation id: a retry changes nothing the second time and
 * answers the same. Infrastructure failures error with {@link InventoryUnavailable}.
 */
public interface StockReservations extends StockLevels {

    /**
     * Holds every line or none for {@code ttl}. Emits {@code Reserved} with the expiry,
     * {@code OutOfStock} with each shortfall, {@code UnknownSkus}, or
     * {@code AlreadyEnded} when this id was released or expired before. A retry with the
     * same id and lines emits the first reservation again; the same id with other lines
     * errors with {@link IllegalArgumentException}, as do invalid lines (empty, duplicate
     * SKUs, too many).
     */
    default Mono<ReservationOutcome> reserve(ReservationId id, List<ReservationLine> lines, Duration ttl) {
        return reserve(id, lines, ttl, null, null);
    }

    /** As the five-argument reserve, for a shopper without a queue token. */
    default Mono<ReservationOutcome> reserve(ReservationId id, List<ReservationLine> lines, Duration ttl,
            @Nullable Buyer buyer) {
        return reserve(id, lines, ttl, buyer, null);
    }

    /**
     * As {@link #reserve(ReservationId, List, Duration)}, for {@code buyer}: a line of a
     * SKU with a per-buyer limit is held only while the buyer's holds and purchases of it
     * within the limit's window stay within it, checked atomically with the hold (racing
     * checkouts of one buyer cannot pass it together); otherwise nothing is held and it
     * emits {@code PurchaseCapped}. A hold given back, expired or aborted stops counting.
     * Without a buyer no limit applies. A line of a SKU with a waiting room is held only
     * once the room admits the shopper holding {@code queueToken} (first come, first
     * served, at the room's rate); until then nothing is held and it emits {@code Queued}
     * with the shopper's ticket (a new one when they hold none). A SKU without the stock
     * asked for answers {@code OutOfStock} at once, queue or not.
     */
    default Mono<ReservationOutcome> reserve(ReservationId id, List<ReservationLine> lines, Duration ttl,
            @Nullable Buyer buyer, @Nullable String queueToken) {
        return reserve(id, lines, ttl, new Holder(buyer, Holder.ANY_NUMBER_OPEN, queueToken));
    }

    /**
     * As the five-argument reserve, also holding the buyer to at most
     * {@code holder.openHoldsAllowed()} holds at once (their open, unpaid orders): one
     * more emits {@code TooManyOpenHolds} and holds nothing, checked atomically with the
     * hold so a buyer's racing checkouts cannot pass it together. A hold stops counting
     * when it is committed, given back or expires.
     */
    Mono<ReservationOutcome> reserve(ReservationId id, List<ReservationLine> lines, Duration ttl, Holder holder);

    /**
     * Who a reservation is for: the buyer the per-buyer limits count ({@code null}: none
     * applies), how many holds the buyer may have at once ({@link #ANY_NUMBER_OPEN}: no
     * bound), and the queue token the shopper holds, if any.
     */
    record Holder(@Nullable Buyer buyer, int openHoldsAllowed, @Nullable String queueToken) {

        /** No bound on a buyer's holds at once. */
        public static final int ANY_NUMBER_OPEN = 0;

        public Holder {
            if (openHoldsAllowed < 0) {
                throw new IllegalArgumentException("openHoldsAllowed cannot be negative: " + openHoldsAllowed);
            }
        }

        /** Whether this reservation counts against a bound on the buyer's open holds. */
        public boolean boundsOpenHolds() {
            return buyer != null && openHoldsAllowed > ANY_NUMBER_OPEN;
        }

    }

    /**
     * Opens a waiting room in front of the SKU admitting {@code admitPerSecond} shoppers
     * a second, or removes it ({@code null}). Emits once done.
     */
    Mono<Void> queue(Sku sku, @Nullable Integer admitPerSecond);

    /** Where a queue token stands; completes empty for an unknown token. */
    Mono<QueueStatus> queueStatus(String token);

    /**
     * Sets the SKU's per-buyer limit, or removes it ({@code null}); reservations made
     * from then on follow it. Emits once done.
     */
    Mono<Void> limit(Sku sku, @Nullable PurchaseLimit limit);

    /**
     * Gives the held stock back. Emits the state the reservation is in afterwards:
     * {@code RELEASED} (now or before), {@code EXPIRED}, {@code COMMITTED} (sold stock is
     * never released) or {@code UNKNOWN}.
     */
    Mono<ReservationState> release(ReservationId id);

    /**
     * Turns held stock into sold stock: it leaves on-hand for good. Emits
     * {@code COMMITTED} (now or before); {@code EXPIRED} when the hold ran out first (the
     * stock went back and the checkout must cancel the order); {@code RELEASED}; or
     * {@code UNKNOWN}.
     */
    Mono<ReservationState> commit(ReservationId id);

    /**
     * Sets the units on hand regardless of the stock of record (tools and tests); emits
     * the new level.
     */
    Mono<StockLevel> setOnHand(Sku sku, int onHand);

    /**
     * Brings a count taken in the stock of record to the counters: on hand becomes the
     * count less the units the counters sold that the record had not counted yet (a sale
     * committed here between the count and this call is not undone), unless a later count
     * arrived first. Emits the level the store keeps.
     */
    Mono<StockLevel> recount(RecordedStock counted);

    /**
     * Sets the counters from the stock of record only when the store has no stock for the
     * SKU (first start, data lost); emits the level the store keeps either way.
     */
    Mono<StockLevel> loadIfMissing(RecordedStock recorded);

    /**
     * Brings the record's stock to counters found behind or adrift, as {@link #recount}
     * does (units the store sold that the record has not counted yet stay sold), also
     * when the store has applied this very count; a later count in the store wins. Emits
     * the level the store keeps.
     */
    Mono<StockLevel> repair(RecordedStock recorded);

    /**
     * The counters of {@code skus} with the store's own tallies, for checking them
     * against the stock of record; a SKU the store has no stock of is left out.
     */
    Flux<CounterTally> tallies(List<Sku> skus);

    /**
     * Adds {@code delta} units on hand (returns, write-offs with a negative delta); emits
     * the new level. Errors with {@link IllegalArgumentException} when on-hand would go
     * below zero.
     */
    Mono<StockLevel> adjust(Sku sku, int delta);

    /**
     * Emits whether the store still holds the counters loaded from the stock of record:
     * {@code false} on a first start and after it lost its data (a restart without
     * persistence, a failover to an empty replica).
     */
    Mono<Boolean> countersLoaded();

    /** Records that every counter has been loaded from the stock of record. */
    Mono<Void> markCountersLoaded();

    /** Emits the stock level of each SKU it knows, in no particular order. */
    Flux<StockLevel> levels(List<Sku> skus);

}
