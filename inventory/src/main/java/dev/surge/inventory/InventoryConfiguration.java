package dev.surge.inventory;

import dev.surge.checkout.port.ReservationExpiries;
import dev.surge.checkout.port.StockReservations;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The inventory module's one public entry: Redis stock reservations, the expiry sweeper
 * and the health of both. The application imports it explicitly.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryProperties.class)
public class InventoryConfiguration {

    @Bean
    InventoryMetrics inventoryMetrics(ObjectProvider<MeterRegistry> registry) {
        return new InventoryMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * A Lettuce connection of the module's own, from the client Spring Boot configured:
     * the scripts run on Lettuce's reactive API directly, without a per-command
     * connection look-up on the hot path.
     */
    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> inventoryRedisConnection(LettuceConnectionFactory connectionFactory) {
        if (!(connectionFactory.getNativeClient() instanceof RedisClient client)) {
            throw new IllegalStateException("surge inventory needs a standalone Redis connection; Redis Cluster "
                    + "support is wired through surge.inventory.cluster (not yet available)");
        }
        return client.connect(StringCodec.UTF8);
    }

    @Bean
    RedisStockReservations stockReservations(StatefulRedisConnection<String, String> inventoryRedisConnection,
            InventoryProperties properties, InventoryMetrics metrics, ObjectProvider<Clock> clock) {
        return new RedisStockReservations(inventoryRedisConnection.reactive(), properties, metrics,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ReservationSweeper reservationSweeper(RedisStockReservations reservations, InventoryProperties properties,
            ReservationExpiries expiries, InventoryMetrics metrics, ObjectProvider<Clock> clock) {
        return new ReservationSweeper(reservations, properties, expiries, metrics,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    InventoryHealth inventoryHealthIndicator(ReservationSweeper sweeper, InventoryProperties properties,
            ObjectProvider<Clock> clock) {
        return new InventoryHealth(sweeper, properties, clock.getIfAvailable(Clock::systemUTC));
    }

}
