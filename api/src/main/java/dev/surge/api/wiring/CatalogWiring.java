package dev.surge.api.wiring;

import java.time.Duration;

import dev.surge.api.persistence.CatalogSnapshotLoader;
import dev.surge.api.persistence.InMemoryCatalog;
import dev.surge.api.persistence.PostgresChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * The catalog in memory: one bean answering as the storefront's catalog, the offers carts
 * are priced from and the vendor directory checkouts split by.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogWiring {

    @Bean
    InMemoryCatalog inMemoryCatalog(DatabaseClient database, ReactiveTransactionManager transactions,
            ConnectionFactory connections, MeterRegistry meters,
            @Value("${surge.catalog.resync-interval:60s}") Duration resyncInterval,
            @Value("${surge.catalog.full-resync-interval:1h}") Duration fullResyncInterval,
            @Value("${surge.vendors.sell-without-payouts:false}") boolean sellWithoutPayouts) {
        return new InMemoryCatalog(new CatalogSnapshotLoader(database, transactions, sellWithoutPayouts),
                new PostgresChannel(connections, InMemoryCatalog.CHANNEL), resyncInterval, fullResyncInterval, meters);
    }

}
