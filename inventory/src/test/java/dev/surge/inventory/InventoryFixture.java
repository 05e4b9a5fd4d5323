package dev.surge.inventory;

import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.ReservationExpiries;
import dev.surge.testing.RedisServer;
import dev.surge.testing.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * Real Redis from the shared test infrastructure, a clock the test moves, and the adapter
 * and sweeper under a key prefix no other test uses.
 */
final class InventoryFixture implements AutoCloseable {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));

    final List<ReservationId> reportedExpiries = new CopyOnWriteArrayList<>();

    final InventoryProperties properties;

    final RedisReactiveCommands<String, String> redis;

    final RedisStockReservations reservations;

    final ReservationSweeper sweeper;

    private final RedisClient client;

    private final StatefulRedisConnection<String, String> connection;

    InventoryFixture(String purpose) {
        RedisServer server = TestInfrastructure.redis();
        client = RedisClient.create(server.url());
        connection = client.connect(StringCodec.UTF8);
        redis = connection.reactive();
        properties = new InventoryProperties(TestInfrastructure.isolatedKeyPrefix(purpose), Duration.ofMinutes(15),
                Duration.ofHours(24), false, Duration.ofSeconds(1), 200, Duration.ofSeconds(5));
        var metrics = new InventoryMetrics(new SimpleMeterRegistry());
        reservations = new RedisStockReservations(redis, properties, metrics, clock);
        ReservationExpiries listener = id -> Mono.fromRunnable(() -> reportedExpiries.add(id));
        sweeper = new ReservationSweeper(reservations, properties, listener, metrics, clock);
    }

    /** A SKU no other test touches. */
    static Sku sku(String name) {
        return Sku.of("T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-" + name);
    }

    static ReservationId anyReservationId() {
        return new ReservationId(UUID.randomUUID());
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }

    /** A clock that stands still until the test moves it. */
    static final class MutableClock extends Clock {

        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

    }

}
