package dev.surge.api.wiring;

import dev.surge.api.persistence.R2dbcStockOfRecord;
import dev.surge.api.web.CatalogProperties;
import dev.surge.checkout.application.CheckStockCounters;
import dev.surge.checkout.application.CommitReservation;
import dev.surge.checkout.application.ExpireOrder;
import dev.surge.checkout.application.LoadStockOfRecord;
import dev.surge.checkout.application.RecentStockLevels;
import dev.surge.checkout.application.FindProducts;
import dev.surge.checkout.application.SearchProducts;
import dev.surge.checkout.port.ProductSearch;
import dev.surge.api.persistence.PostgresProductSearch;
import dev.surge.checkout.application.SetPurchaseLimit;
import dev.surge.checkout.application.SetSkuQueue;
import dev.surge.checkout.application.SetStockOnHand;
import dev.surge.checkout.application.ShowProduct;
import dev.surge.checkout.port.Catalog;
import dev.surge.checkout.port.Offers;
import dev.surge.checkout.port.CounterRepairs;
import dev.surge.checkout.port.ReservationExpiries;
import dev.surge.checkout.port.StockOfRecord;
import dev.surge.checkout.port.StockReservations;
import dev.surge.inventory.InventoryConfiguration;
import dev.surge.inventory.PeriodicPass;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Wires checkout-core's use cases to their adapters; the only place that knows both
 * sides.
 */
@Configuration(proxyBeanMethods = false)
@Import(InventoryConfiguration.class)
public class UseCaseConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(UseCaseConfiguration.class);

    private static final Duration STOCK_LOAD_TIMEOUT = Duration.ofMinutes(5);

    @Bean
    StockOfRecord stockOfRecord(DatabaseClient database) {
        return new R2dbcStockOfRecord(database);
    }

    @Bean
    CommitReservation commitReservation(StockReservations reservations, StockOfRecord stockOfRecord) {
        return new CommitReservation(reservations, stockOfRecord);
    }

    @Bean
    SetStockOnHand setStockOnHand(StockOfRecord stockOfRecord, StockReservations reservations) {
        return new SetStockOnHand(stockOfRecord, reservations);
    }

    @Bean
    SetSkuQueue setSkuQueue(StockOfRecord stockOfRecord, StockReservations reservations) {
        return new SetSkuQueue(stockOfRecord, reservations);
    }

    @Bean
    SetPurchaseLimit setPurchaseLimit(StockOfRecord stockOfRecord, StockReservations reservations, Offers offers) {
        return new SetPurchaseLimit(stockOfRecord, reservations, offers);
    }

    @Bean
    LoadStockOfRecord loadStockOfRecord(StockOfRecord stockOfRecord, StockReservations reservations) {
        return new LoadStockOfRecord(stockOfRecord, reservations);
    }

    /**
     * Fills Redis from the stock of record where it has no counters, before the
     * application reports ready. Start-up bootstrapping, so it may wait here for the load
     * to finish.
     */
    @Bean
    ApplicationRunner stockOfRecordLoading(LoadStockOfRecord loadStockOfRecord) {
        return arguments -> {
            Long skus = loadStockOfRecord.load().block(STOCK_LOAD_TIMEOUT);
            LOG.info("Stock counters in Redis checked against the stock of record: {} SKUs", skus);
        };
    }

    /**
     * Notices when Redis lost the stock counters while Surge runs (a restart without
     * persistence, a failover) and loads them again from the stock of record. Safe in
     * many pods at once: loading only fills counters that are missing.
     */
    @Bean
    PeriodicPass stockCountersReconciliation(LoadStockOfRecord loadStockOfRecord,
            @Value("${surge.inventory.reconcile-interval:10s}") Duration interval) {
        return new PeriodicPass("Checking the stock counters", interval, () -> loadStockOfRecord.reloadIfLost()
            .doOnNext(skus -> LOG.warn("Redis had lost the stock counters; reloaded {} SKUs from PostgreSQL", skus)));
    }

    @Bean
    StockCountersCheck stockCountersHealthIndicator(StockOfRecord stockOfRecord, StockReservations reservations,
            MeterRegistry meters, ObjectProvider<Clock> clock) {
        return new StockCountersCheck(
                new CheckStockCounters(stockOfRecord, reservations, clock.getIfAvailable(Clock::systemUTC)), meters);
    }

    /** What a reservation calls on counters it found gone back in time. */
    @Bean
    CounterRepairs counterRepairs(StockCountersCheck check) {
        return check::repair;
    }

    /**
     * Checks every SKU's counters against the stock of record and repairs those found
     * behind (a Redis restored from an older snapshot, a failover, a lost append-only
     * second: data kept, sales lost) or adrift. Safe in many pods at once: a repair is
     * computed in Redis from its own tallies.
     */
    @Bean
    PeriodicPass stockCountersCheck(StockCountersCheck check,
            @Value("${surge.inventory.counter-check-interval:15s}") Duration interval) {
        return new PeriodicPass("Checking the stock counters against the stock of record", interval, check::pass);
    }

    /** An expired hold cancels its order (its stock is back on sale already). */
    @Bean
    ReservationExpiries reservationExpiries(ExpireOrder expireOrder) {
        return expireOrder::expire;
    }

    /**
     * The stock levels the catalog shows, each re-read from Redis at most once per
     * {@code surge.catalog.availability-max-age}: a busy product page costs no Redis
     * round trip.
     */
    @Bean
    RecentStockLevels shownStockLevels(StockReservations stock, CatalogProperties catalog) {
        return new RecentStockLevels(stock, catalog.availabilityMaxAge(), System::nanoTime);
    }

    @Bean
    SearchProducts searchProducts(Catalog catalog, RecentStockLevels shownStockLevels) {
        return new SearchProducts(catalog, shownStockLevels);
    }

    /**
     * Search with text, filters and facets on PostgreSQL (a port: another engine can
     * replace it).
     */
    @Bean
    ProductSearch productSearch(DatabaseClient database,
            @Value("${surge.vendors.sell-without-payouts:false}") boolean sellWithoutPayouts) {
        return new PostgresProductSearch(database, sellWithoutPayouts);
    }

    @Bean
    FindProducts findProducts(ProductSearch search, Catalog catalog, RecentStockLevels shownStockLevels) {
        return new FindProducts(search, catalog, shownStockLevels);
    }

    @Bean
    ShowProduct showProduct(Catalog catalog, RecentStockLevels shownStockLevels) {
        return new ShowProduct(catalog, shownStockLevels);
    }

}
