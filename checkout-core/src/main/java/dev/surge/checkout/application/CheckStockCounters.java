package dev.surge.checkout.application;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.CounterTally;
import dev.surge.checkout.port.RecordedStock;
import dev.surge.checkout.port.StockOfRecord;
import dev.surge.checkout.port.StockReservations;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks the hot counters against the stock of record, SKU by SKU, and brings back in
 * step those that are not. A Redis restored from an older snapshot, failed over to a
 * replica that was behind, or restarted from an append-only file that lost its last
 * second keeps its data but has lost sales or counts: its tally of units sold (or of
 * counts applied) is below the record's, and it would sell those units again. A counter
 * changed behind Surge's back drifts: its on hand plus sold no longer equals the record's
 * (a sale moves a unit from one to the other on each side, so the sums agree whatever is
 * in flight between the two stores). Both are repaired from the record, keeping the units
 * the counters sold that the record has not recorded yet. A record behind the counters
 * (PostgreSQL restored) is reported, never repaired backwards.
 */
public final class CheckStockCounters {

    /** SKUs read from the counters per round trip. */
    private static final int BATCH = 1_000;

    private final StockOfRecord stockOfRecord;

    private final StockReservations reservations;

    private final Clock clock;

    public CheckStockCounters(StockOfRecord stockOfRecord, StockReservations reservations, Clock clock) {
        this.stockOfRecord = stockOfRecord;
        this.reservations = reservations;
        this.clock = clock;
    }

    /** What a SKU's counters are, next to its stock of record. */
    public enum Verdict {

        /** In step: nothing to do. */
        IN_STEP,

        /**
         * The counters have no stock of the SKU (partial loss): loaded from the record.
         */
        MISSING,

        /** The counters lost sales or counts the record has: repaired from the record. */
        BEHIND,

        /** The counters add up to another stock than the record's: repaired from it. */
        ADRIFT,

        /** The record lacks counts the counters applied (it was restored): reported. */
        RECORD_BEHIND

    }

    /**
     * A whole pass: when it ended, how many SKUs it checked, how many had each verdict.
     */
    public record Pass(Instant at, long checked, Map<Verdict, Long> verdicts) {

        public Pass {
            verdicts = Map.copyOf(verdicts);
        }

        /** How many SKUs had {@code verdict}. */
        public long count(Verdict verdict) {
            return verdicts.getOrDefault(verdict, 0L);
        }

        /** Whether every SKU was in step. */
        public boolean clean() {
            return count(Verdict.IN_STEP) == checked;
        }

    }

    /**
     * Repairs the counters of {@code skus} from the stock of record at once, without
     * judging them first: for a store that found them gone back in time.
     */
    public Mono<Void> repair(List<Sku> skus) {
        return stockOfRecord.of(skus).concatMap(reservations::repair).then();
    }

    /** Checks every SKU of the record, repairing as it goes. Emits the pass. */
    public Mono<Pass> checkAll() {
        return stockOfRecord.all()
            .buffer(BATCH)
            .concatMap(this::checkBatch)
            .collect(() -> new EnumMap<Verdict, Long>(Verdict.class),
                    (counts, verdict) -> counts.merge(verdict, 1L, Long::sum))
            .map(counts -> new Pass(clock.instant(), counts.values().stream().mapToLong(Long::longValue).sum(),
                    counts));
    }

    private Flux<Verdict> checkBatch(List<RecordedStock> batch) {
        return reservations.tallies(batch.stream().map(RecordedStock::sku).toList())
            .collectMap(CounterTally::sku, Function.identity())
            .flatMapMany(tallies -> Flux.fromIterable(batch)
                .concatMap(recorded -> settle(recorded, tallies.get(recorded.sku()))));
    }

    private Mono<Verdict> settle(RecordedStock recorded, @Nullable CounterTally counters) {
        Verdict verdict = judge(recorded, counters);
        return switch (verdict) {
            case IN_STEP -> Mono.just(verdict);
            case MISSING -> reservations.loadIfMissing(recorded).thenReturn(verdict);
            case BEHIND, ADRIFT -> reservations.repair(recorded).thenReturn(verdict);
            // The record was read before the counters: a count may have landed in both
            // between the two reads. Only the record read again tells.
            case RECORD_BEHIND -> confirmed(recorded.sku(), Objects.requireNonNull(counters));
        };
    }

    private Mono<Verdict> confirmed(Sku sku, CounterTally counters) {
        return stockOfRecord.of(List.of(sku))
            .next()
            .map(again -> again.recounts() >= counters.recounts() ? Verdict.IN_STEP : Verdict.RECORD_BEHIND)
            .defaultIfEmpty(Verdict.IN_STEP);
    }

    /**
     * What {@code counters} are next to {@code recorded}, read in that order (the record
     * first, so the counters' tallies can only be ahead of it by what happened between
     * the reads).
     */
    static Verdict judge(RecordedStock recorded, @Nullable CounterTally counters) {
        if (counters == null) {
            return Verdict.MISSING;
        }
        if (counters.recounts() > recorded.recounts()) {
            return Verdict.RECORD_BEHIND;
        }
        if (counters.sold() < recorded.sold() || counters.recounts() < recorded.recounts()) {
            return Verdict.BEHIND;
        }
        if ((long) counters.onHand() + counters.sold() != (long) recorded.onHand() + recorded.sold()) {
            return Verdict.ADRIFT;
        }
        return Verdict.IN_STEP;
    }

}
