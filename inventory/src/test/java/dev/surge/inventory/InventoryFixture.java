package dev.surge.inventory;

import dev.surge.checkout.domain.Quantity;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.ReservationExpiries;
import dev.surge.testing.RedisServer;
import dev.surge.testing.TestInfrastructure;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.cluster.RedisClusterClient;
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

    final RedisCommands redis;

    final RedisStockReservations reservations;

    final ReservationSweeper sweeper;

    private final AbstractRedisClient client;

    private final AutoCloseable connection;

    /** On the single Redis of the test infrastructure. */
    InventoryFixture(String purpose) {
        this(purpose, false);
    }

    /**
     * On the single Redis, or on the 3-master Redis Cluster the test infrastructure
     * starts.
     */
    InventoryFixture(String purpose, boolean cluster) {
        if (cluster) {
            var clusterClient = RedisClusterClient.create(TestInfrastructure.redisCluster()
                .nodes()
                .stream()
                .map(node -> RedisURI.create("redis://" + node))
                .toList());
            var clusterConnection = clusterClient.connect(StringCodec.UTF8);
            client = clusterClient;
            connection = clusterConnection;
            redis = RedisCommands.of(clusterConnection.reactive());
        }
        else {
            RedisServer server = TestInfrastructure.redis();
            var singleClient = RedisClient.create(server.url());
            var singleConnection = singleClient.connect(StringCodec.UTF8);
            client = singleClient;
            connection = singleConnection;
            redis = RedisCommands.of(singleConnection.reactive());
        }
        properties = new InventoryProperties(TestInfrastructure.isolatedKeyPrefix(purpose), Duration.ofMinutes(15),
                Duration.ofHours(24), cluster, Duration.ofSeconds(1), 200, Duration.ofSeconds(5));
        var metrics = new InventoryMetrics(new SimpleMeterRegistry());
        reservations = new RedisStockReservations(redis, properties, metrics, clock);
        ReservationExpiries listener = id -> Mono.fromRunnable(() -> reportedExpiries.add(id));
        sweeper = new ReservationSweeper(reservations, properties, listener, metrics, clock);
    }

    /** A SKU no other test touches. */
    static Sku sku(String name) {
        return Sku.of("T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-" + name);
    }

    /** Lines from pairs of SKU and quantity: {@code lines(mug, 2, tee, 1)}. */
    static List<ReservationLine> lines(Object... skuAndQuantity) {
        List<ReservationLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            lines.add(new ReservationLine((Sku) skuAndQuantity[i], Quantity.of((Integer) skuAndQuantity[i + 1])));
        }
        return lines;
    }

    static ReservationId anyReservationId() {
        return new ReservationId(UUID.randomUUID());
    }

    @Override
    public void close() {
        deleteKeys();
        try {
            connection.close();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
        client.shutdown();
    }

    /**
     * Leaves the long-lived Redis as it was found: every key under this fixture's prefix
     * goes.
     */
    private void deleteKeys() {
        ScanStream.scan(redis.keys(), ScanArgs.Builder.matches(properties.keyPrefix() + "*").limit(1_000))
            .flatMap(key -> redis.keys().unlink(key), 64)
            .then()
            .block(Duration.ofMinutes(2));
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
