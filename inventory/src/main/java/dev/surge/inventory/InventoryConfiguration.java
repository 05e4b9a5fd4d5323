package dev.surge.inventory;

import dev.surge.checkout.port.Carts;
import dev.surge.checkout.port.CounterRepairs;
import dev.surge.checkout.port.Quotas;
import dev.surge.checkout.port.ReservationExpiries;
import dev.surge.checkout.port.StockReservations;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import reactor.core.publisher.Mono;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The inventory module's one public entry: Redis stock reservations, the expiry sweeper
 * and the health of both, and the carts. The application imports it explicitly.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ InventoryProperties.class, CartProperties.class })
public class InventoryConfiguration {

    /**
     * While Redis is unreachable, commands fail at once instead of waiting in Lettuce's
     * buffer for the connection to come back: a checkout answers 503 with Retry-After in
     * milliseconds, not after the command timeout, and nothing queued runs late against a
     * Redis that may have restarted empty. Answers are handed on to Lettuce's computation
     * threads instead of running the rest of each checkout on the connection's one I/O
     * thread, where a burst's work delayed every other answer past the hot path's 250 ms
     * command timeout (see {@link InventoryProperties#commandTimeout()}).
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileRedisIsDown() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .publishOnScheduler(true);
    }

    /**
     * Reconnects to a Redis that went away at least once a second (Lettuce's default
     * backs off to 30 s): while it is down every checkout is refused, so the outage lasts
     * until the next attempt after Redis is back. A Redis restarted 5 s after a crash was
     * used again about 4 s after its restart with the default (RedisCrashIT), within a
     * second with this.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectWithinASecond() {
        return resources -> resources
            .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }

    @Bean
    InventoryMetrics inventoryMetrics(ObjectProvider<MeterRegistry> registry) {
        return new InventoryMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * A Lettuce connection of the module's own, from the client Spring Boot configured
     * (single Redis or Cluster): the scripts run on Lettuce's reactive API directly,
     * without a per-command connection look-up on the hot path.
     */
    @Bean(destroyMethod = "close")
    InventoryConnection inventoryRedisConnection(LettuceConnectionFactory connectionFactory,
            InventoryProperties properties) {
        return switch (connectionFactory.getNativeClient()) {
            case RedisClusterClient cluster -> {
                if (!properties.cluster()) {
                    throw new IllegalStateException("Redis runs as a cluster: set surge.inventory.cluster=true");
                }
                var connection = cluster.connect(StringCodec.UTF8);
                yield new InventoryConnection(RedisCommands.of(connection.reactive()), connection);
            }
            case RedisClient single -> {
                if (properties.cluster()) {
                    throw new IllegalStateException("surge.inventory.cluster=true needs a Redis Cluster client: "
                            + "set spring.data.redis.cluster.nodes");
                }
                var connection = single.connect(StringCodec.UTF8);
                yield new InventoryConnection(RedisCommands.of(connection.reactive()), connection);
            }
            default -> throw new IllegalStateException(
                    "unsupported Redis client " + connectionFactory.getNativeClient().getClass().getName());
        };
    }

    /**
     * {@code repairs}: looked up at the first repair, as it works on these reservations
     * itself.
     */
    @Bean
    RedisStockReservations stockReservations(InventoryConnection inventoryRedisConnection,
            InventoryProperties properties, InventoryMetrics metrics, ObjectProvider<Clock> clock,
            ObjectProvider<CounterRepairs> repairs) {
        return new RedisStockReservations(inventoryRedisConnection.commands(), properties, metrics, HoldClock.REDIS,
                clock.getIfAvailable(Clock::systemUTC),
                skus -> repairs.getIfAvailable(() -> none -> Mono.empty()).repair(skus));
    }

    @Bean
    Carts carts(InventoryConnection inventoryRedisConnection, InventoryProperties properties,
            CartProperties cartProperties) {
        RedisCommands commands = inventoryRedisConnection.commands();
        return new RedisCarts(commands, InventoryScripts.load(commands.scripting()), properties.keyPrefix(),
                cartProperties.ttl(), properties.commandTimeout());
    }

    /**
     * Rate limits and attempt caps, on the hot path's command timeout: a quota is checked
     * on the way into a checkout, a cart write or a payment confirmation.
     */
    @Bean
    Quotas quotas(InventoryConnection inventoryRedisConnection, InventoryProperties properties) {
        RedisCommands commands = inventoryRedisConnection.commands();
        return new RedisQuotas(commands, InventoryScripts.load(commands.scripting()).quota(), properties.keyPrefix(),
                properties.cluster(), properties.commandTimeout());
    }

    /** The module's connection and the commands on it. */
    record InventoryConnection(RedisCommands commands, AutoCloseable connection) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            connection.close();
        }

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
