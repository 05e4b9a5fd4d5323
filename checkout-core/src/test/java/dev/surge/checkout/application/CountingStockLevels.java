package dev.surge.checkout.application;

import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.StockLevels;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** Stock levels from a map, counting how often it was asked. */
final class CountingStockLevels implements StockLevels {

    private final Map<Sku, Integer> levels = new HashMap<>();

    final AtomicInteger lookups = new AtomicInteger();

    /** The SKUs of each look-up, in order. */
    final List<List<Sku>> asked = new CopyOnWriteArrayList<>();

    CountingStockLevels with(Sku sku, int available) {
        levels.put(sku, available);
        return this;
    }

    @Override
    public Mono<Map<Sku, Integer>> available(Collection<Sku> skus) {
        return Mono.fromSupplier(() -> {
            lookups.incrementAndGet();
            asked.add(List.copyOf(skus));
            Map<Sku, Integer> answer = new HashMap<>();
            skus.stream().filter(levels::containsKey).forEach(sku -> answer.put(sku, levels.get(sku)));
            return answer;
        });
    }

}
