package dev.surge.checkout.application;

import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.StockLevels;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Availability as the catalog shows it: each SKU's level is read from the stock store at
 * most once per {@code maxAge} and answered from memory in between. A product page
 * therefore shows a level at most {@code maxAge} old and costs no store round trip on a
 * busy product; what can really be sold is decided by the reservation at checkout, never
 * by this copy. A level read here is stamped with the time its read started, so its age
 * is never understated; checkout hands in levels it learnt itself ({@link #remember}).
 * Holds one entry per SKU ever shown (bounded by the catalog).
 */
public final class RecentStockLevels implements StockLevels {

    private final StockLevels store;

    private final long maxAgeNanos;

    private final LongSupplier nanoTime;

    private final Map<Sku, Reading> readings = new ConcurrentHashMap<>();

    public RecentStockLevels(StockLevels store, Duration maxAge, LongSupplier nanoTime) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
        }
        this.store = store;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<Map<Sku, Integer>> available(Collection<Sku> skus) {
        long now = nanoTime.getAsLong();
        Map<Sku, Integer> levels = recent(skus, now);
        List<Sku> stale = skus.stream().filter(sku -> !levels.containsKey(sku)).distinct().toList();
        if (stale.isEmpty()) {
            return Mono.just(levels);
        }
        return store.available(stale).map(read -> {
            for (Sku sku : stale) {
                // Absent means unknown to the store: shown as zero, like every
                // caller reads it.
                int available = read.getOrDefault(sku, 0);
                readings.put(sku, new Reading(available, now));
                levels.put(sku, available);
            }
            return levels;
        });
    }

    /**
     * The levels of those {@code skus} read less than {@code maxAge} ago, from memory
     * only: never a store round trip (a SKU without a recent level is absent).
     */
    public Map<Sku, Integer> recent(Collection<Sku> skus) {
        return recent(skus, nanoTime.getAsLong());
    }

    /**
     * Takes levels just learnt elsewhere (a live read, a reservation refused for want of
     * stock) as the shown ones, stamped when they arrive.
     */
    public void remember(Map<Sku, Integer> levels) {
        long now = nanoTime.getAsLong();
        levels.forEach((sku, available) -> readings.put(sku, new Reading(available, now)));
    }

    private Map<Sku, Integer> recent(Collection<Sku> skus, long now) {
        Map<Sku, Integer> levels = new HashMap<>();
        for (Sku sku : skus) {
            Reading reading = readings.get(sku);
            if (reading != null && now - reading.readAt() < maxAgeNanos) {
                levels.put(sku, reading.available());
            }
        }
        return levels;
    }

    private record Reading(int available, long readAt) {
    }

}
