package dev.surge.api.persistence;

import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.StockLevels;
import java.util.Collection;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Availability straight from the stock of record in PostgreSQL: on hand, as nothing is
 * reserved yet. The inventory module's Redis counters (on hand minus live reservations)
 * replace this adapter.
 */
public class R2dbcStockLevels implements StockLevels {

    private final DatabaseClient database;

    public R2dbcStockLevels(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<Map<Sku, Integer>> available(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Mono.just(Map.of());
        }
        String[] codes = skus.stream().map(Sku::value).distinct().toArray(String[]::new);
        return database.sql("SELECT sku, on_hand FROM stock_levels WHERE sku = ANY(:skus)")
            .bind("skus", codes)
            .map(row -> Map.entry(Sku.of(row.get("sku", String.class)), row.get("on_hand", Integer.class)))
            .all()
            .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

}
