package dev.surge.inventory;

import dev.surge.checkout.domain.Quantity;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.ReservationExpiries;
import dev.surge.testing.RedisServer;
import dev.surge.testing.TestInfrastructure;
import dev.surge.testing.TestTime;
import dev.surge.testing.TestTime.MutableClock;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import reactor.core.publisher.Mono;

/**
 * Real Redis from the shared test infrastructure, a clock the test moves, and the adapter
 * and sweeper under a key prefix no other test uses. Holds follow the test's clock, which
 * starts at the run's now ({@link TestTime}, shifted in CI a year and more each way);
 * Redis still expires keys by its own clock, which the test cannot move.
 */
final class InventoryFixture implements AutoCloseable {

    final MutableClock clock = TestTime.standingClock();

    final List<ReservationId> reportedExpiries = new CopyOnWriteArrayList<>();

    final InventoryProperties properties;

    final RedisCommands redis;

    final RedisStockReservations reservations;

    final ReservationSweeper sweeper;

    private final AbstractRedisClient client;

    private final AutoCloseable connection;

    /**
     * As the two-argument constructor; a test on a cluster is skipped where none can be
     * started.
     */
    static InventoryFixture on(String purpose, boolean cluster) {
        if (cluster) {
            Assumptions.assumeTrue(TestInfrastructure.redisClusterAvailable(),
                    "no Redis Cluster: set SURGE_TEST_REDIS_CLUSTER or install redis-server (redis-server, redis-cli)");
        }
        return new InventoryFixture(purpose, cluster);
    }

    /** On the single Redis of the test infrastructure. */
    InventoryFixture(String purpose) {
        this(purpose, false);
    }

    /**
     * On the single Redis, or on the 3-master Redis Cluster the test infrastructure
     * starts.
     */
    InventoryFixture(String purpose, boolean cluster) {
        this(purpose, cluster, Duration.ofMinutes(15), Duration.ofHours(24));
    }

    /**
     * With a default hold TTL and a retention of the test's choice (the retention at
     * least the TTL).
     */
    InventoryFixture(String purpose, boolean cluster, Duration reservationTtl, Duration retention) {
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
        properties = new InventoryProperties(TestInfrastructure.isolatedKeyPrefix(purpose), reservationTtl, retention,
                cluster, Duration.ofSeconds(1), 200, Duration.ofSeconds(5), Duration.ofSeconds(5));
        Pod pod = pod(HoldClock.of(clock), clock);
        reservations = pod.reservations();
        sweeper = pod.sweeper();
    }

    /**
     * Another instance of the application on the same Redis and keys, with a clock of its
     * own, whose holds follow {@code holdClock}.
     */
    Pod pod(HoldClock holdClock, Clock appClock) {
        var metrics = new InventoryMetrics(new SimpleMeterRegistry());
        var podReservations = new RedisStockReservations(redis, properties, metrics, holdClock, appClock);
        ReservationExpiries listener = id -> Mono.fromRunnable(() -> reportedExpiries.add(id));
        return new Pod(podReservations,
                new ReservationSweeper(podReservations, properties, listener, metrics, appClock));
    }

    /** The adapter and the sweeper of one instance of the application. */
    record Pod(RedisStockReservations reservations, ReservationSweeper sweeper) {
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

}
