package dev.surge.api.wiring;

import dev.surge.api.persistence.R2dbcCatalog;
import dev.surge.api.persistence.R2dbcStockLevels;
import dev.surge.checkout.application.SearchProducts;
import dev.surge.checkout.application.ShowProduct;
import dev.surge.checkout.port.Catalog;
import dev.surge.checkout.port.StockLevels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Wires checkout-core's use cases to their adapters; the only place that knows both
 * sides.
 */
@Configuration(proxyBeanMethods = false)
public class UseCaseConfiguration {

    @Bean
    Catalog catalog(DatabaseClient database) {
        return new R2dbcCatalog(database);
    }

    /**
     * Stock of record in PostgreSQL until the inventory module provides live Redis
     * counters.
     */
    @Bean
    StockLevels stockLevels(DatabaseClient database) {
        return new R2dbcStockLevels(database);
    }

    @Bean
    SearchProducts searchProducts(Catalog catalog, StockLevels stockLevels) {
        return new SearchProducts(catalog, stockLevels);
    }

    @Bean
    ShowProduct showProduct(Catalog catalog, StockLevels stockLevels) {
        return new ShowProduct(catalog, stockLevels);
    }

}
