package dev.surge.api.persistence;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Whether any SKU was sold beyond its stock: the stock of record never clamps a sale, so
 * a count that found fewer units than were sold meanwhile leaves on hand below zero.
 * {@code UP} while none is, {@code DEGRADED} (HTTP 200) with how many and the first few
 * otherwise, so an oversale is seen and resolved (with the vendor, the orders) rather
 * than hidden. Not part of readiness.
 */
public final class OversoldStockHealth implements ReactiveHealthIndicator {

    private static final Status DEGRADED = new Status("DEGRADED", "stock sold beyond what was on hand");

    private static final int SHOWN = 10;

    private final DatabaseClient database;

    public OversoldStockHealth(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<Health> health() {
        return database.sql("""
                SELECT (SELECT count(*) FROM stock_levels WHERE on_hand < 0) AS skus,
                       ARRAY(SELECT sku FROM stock_levels WHERE on_hand < 0 ORDER BY on_hand, sku LIMIT %d) AS first
                """.formatted(SHOWN)).map(row -> {
            long skus = row.get("skus", Long.class);
            String[] first = row.get("first", String[].class);
            return (skus == 0 ? Health.up() : Health.status(DEGRADED)).withDetail("oversoldSkus", skus)
                .withDetail("mostOversold", first == null ? List.of() : List.of(first))
                .build();
        }).one();
    }

}
