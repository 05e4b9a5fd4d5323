package dev.surge.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The one place integration tests get PostgreSQL and Redis from, in this order:
 * <ol>
 * <li>environment variables {@code SURGE_TEST_POSTGRES_URL}
 * ({@code postgresql://user@host:port/db}) and {@code SURGE_TEST_REDIS_URL}
 * ({@code redis://host:port}): long-lived services such as CI's;</li>
 * <li>Testcontainers, when a Docker engine answers;</li>
 * <li>the embedded binaries delivered through Maven Central.</li>
 * </ol>
 * Servers start once per JVM and stop at exit. Tests never share data: each asks for its
 * own database ({@link #isolatedDatabase}) and Redis key prefix
 * ({@link #isolatedKeyPrefix}), so runs repeat cleanly on the same long-lived services.
 */
public final class TestInfrastructure {

    public static final String POSTGRES_URL_VARIABLE = "SURGE_TEST_POSTGRES_URL";

    public static final String REDIS_URL_VARIABLE = "SURGE_TEST_REDIS_URL";

    public static final String KAFKA_BOOTSTRAP_VARIABLE = "SURGE_TEST_KAFKA_BOOTSTRAP";

    private static final Logger LOG = Logger.getLogger(TestInfrastructure.class.getName());

    private static final String TEST_DATABASE_PREFIX = "surge_t_";

    /**
     * Databases of runs that died before dropping them are swept once they are this old.
     */
    private static final Duration STALE_AFTER = Duration.ofHours(6);

    private static final ConcurrentLinkedQueue<String> createdDatabases = new ConcurrentLinkedQueue<>();

    /**
     * Embedded processes this JVM started, stopped after the test databases are dropped.
     */
    private static final ConcurrentLinkedQueue<AutoCloseable> startedServices = new ConcurrentLinkedQueue<>();

    static {
        // One hook, so the order holds: drop the test databases while PostgreSQL still
        // runs, then stop it.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("test-infrastructure-shutdown").unstarted(() -> {
            dropDatabases();
            startedServices.forEach(TestInfrastructure::stop);
        }));
    }

    private static volatile PostgresServer postgres;

    private static volatile RedisServer redis;

    private static volatile RedisClusterServer redisCluster;

    private static volatile KafkaServer kafka;

    public static final String REDIS_CLUSTER_VARIABLE = "SURGE_TEST_REDIS_CLUSTER";

    private static volatile Boolean dockerAvailable;

    /**
     * Whether a Redis Cluster can be had here: configured, or redis-server and redis-cli
     * on the PATH.
     */
    public static boolean redisClusterAvailable() {
        return configured(REDIS_CLUSTER_VARIABLE).isPresent() || LocalRedisCluster.toolsOnPath();
    }

    private TestInfrastructure() {
    }

    /**
     * The PostgreSQL server for this JVM, started on first use; its database is the
     * administrative one.
     */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = configured(POSTGRES_URL_VARIABLE).map(url -> PostgresServer.fromUrl(url, POSTGRES_URL_VARIABLE))
                .orElseGet(() -> docker() ? postgresContainer() : embeddedPostgres());
            LOG.info(() -> "tests use PostgreSQL from " + postgres.source() + " at " + postgres.host() + ":"
                    + postgres.port());
            sweepStaleDatabases(postgres);
        }
        return postgres;
    }

    /** The Redis server for this JVM, started on first use. */
    public static synchronized RedisServer redis() {
        if (redis == null) {
            redis = configured(REDIS_URL_VARIABLE).map(url -> RedisServer.fromUrl(url, REDIS_URL_VARIABLE))
                .orElseGet(() -> docker() ? redisContainer() : embeddedRedis());
            LOG.info(() -> "tests use Redis from " + redis.source() + " at " + redis.host() + ":" + redis.port());
        }
        return redis;
    }

    /**
     * The Kafka broker for this JVM, started on first use:
     * {@code SURGE_TEST_KAFKA_BOOTSTRAP} when set, else a container where Docker answers,
     * else a KRaft broker in this JVM. Tests isolate their data by topic (see
     * {@link #isolatedKeyPrefix}).
     */
    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            kafka = configured(KAFKA_BOOTSTRAP_VARIABLE)
                .map(servers -> new KafkaServer(servers, KAFKA_BOOTSTRAP_VARIABLE))
                .orElseGet(() -> docker() ? kafkaContainer() : embeddedKafka());
            LOG.info(() -> "tests use Kafka from " + kafka.source() + " at " + kafka.bootstrapServers());
        }
        return kafka;
    }

    /**
     * A Redis Cluster of three masters for this JVM: {@code SURGE_TEST_REDIS_CLUSTER}
     * ({@code host:port,host:port,...}) when set, else started on loopback from the
     * {@code redis-server} on the PATH. Tests isolate their keys by prefix, as on a
     * single Redis.
     */
    public static synchronized RedisClusterServer redisCluster() {
        if (redisCluster == null) {
            redisCluster = configured(REDIS_CLUSTER_VARIABLE)
                .map(nodes -> new RedisClusterServer(java.util.List.of(nodes.split(",")), REDIS_CLUSTER_VARIABLE))
                .orElseGet(() -> {
                    var local = LocalRedisCluster.start();
                    startedServices.add(local);
                    return local.server();
                });
            LOG.info(() -> "tests use a Redis Cluster from " + redisCluster.source() + ": " + redisCluster.nodes());
        }
        return redisCluster;
    }

    /**
     * A new, empty database for one test class (or context), committing durably
     * ({@code synchronous_commit=on}), dropped when the JVM exits. The name carries its
     * creation time, so databases left by a killed run are swept by a later one.
     */
    public static PostgresServer isolatedDatabase(String purpose) {
        PostgresServer server = postgres();
        String name = TEST_DATABASE_PREFIX + Long.toString(Instant.now().getEpochSecond(), 36) + "_" + randomSuffix()
                + "_" + sanitize(purpose);
        // Byte-order collation whatever the server's locale, so ordering assertions hold
        // everywhere.
        server
            .execute("CREATE DATABASE \"" + name + "\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        // Durable commits whatever the server's default: an order a test saw acknowledged
        // survives a crash (issue #15), and no test measures a faster database than
        // Surge's own.
        server.execute("ALTER DATABASE \"" + name + "\" SET synchronous_commit = on");
        createdDatabases.add(name);
        return server.withDatabase(name);
    }

    /**
     * A Redis key prefix no other test uses, e.g. {@code test:catalogapiit:3f9a1c0e:}.
     */
    public static String isolatedKeyPrefix(String purpose) {
        return "test:" + sanitize(purpose) + ":" + randomSuffix() + ":";
    }

    private static Optional<String> configured(String variable) {
        return Optional.ofNullable(System.getenv(variable))
            .or(() -> Optional.ofNullable(System.getProperty(variable)))
            .filter(value -> !value.isBlank());
    }

    private static boolean docker() {
        if (dockerAvailable == null) {
            boolean available;
            try {
                available = DockerClientFactory.instance().isDockerAvailable();
            }
            catch (RuntimeException | LinkageError e) {
                available = false;
            }
            dockerAvailable = available;
        }
        return dockerAvailable;
    }

    private static PostgresServer postgresContainer() {
        var container = new GenericContainer<>(DockerImageName.parse("postgres:17-alpine"))
            .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
            .withExposedPorts(5432)
            .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
        container.start();
        return new PostgresServer(container.getHost(), container.getMappedPort(5432), "postgres", "", "postgres",
                "Testcontainers (postgres:17-alpine)");
    }

    private static RedisServer redisContainer() {
        var container = new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
        container.start();
        return new RedisServer(container.getHost(), container.getMappedPort(6379), "Testcontainers (redis:7-alpine)");
    }

    private static KafkaServer kafkaContainer() {
        var container = new org.testcontainers.kafka.KafkaContainer(DockerImageName.parse("apache/kafka:4.1.1"));
        container.start();
        return new KafkaServer(container.getBootstrapServers(), "Testcontainers (apache/kafka:4.1.1)");
    }

    private static KafkaServer embeddedKafka() {
        var embedded = EmbeddedKafkaServer.start();
        startedServices.add(embedded);
        return embedded.server();
    }

    private static PostgresServer embeddedPostgres() {
        var embedded = EmbeddedPostgresServer.start();
        startedServices.add(embedded);
        return embedded.server();
    }

    private static RedisServer embeddedRedis() {
        var embedded = EmbeddedRedisServer.start();
        startedServices.add(embedded);
        return embedded.server();
    }

    private static void stop(AutoCloseable service) {
        try {
            service.close();
        }
        catch (Exception e) {
            LOG.warning(() -> "could not stop " + service + ": " + e.getMessage());
        }
    }

    private static void dropDatabases() {
        if (postgres == null) {
            return;
        }
        for (String name : createdDatabases) {
            try {
                postgres.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            }
            catch (RuntimeException e) {
                LOG.warning(() -> "could not drop test database " + name + ": " + e.getMessage());
            }
        }
    }

    private static void sweepStaleDatabases(PostgresServer server) {
        long cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
        try (var connection = java.sql.DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                var statement = connection.createStatement();
                var names = statement.executeQuery(
                        "SELECT datname FROM pg_database WHERE datname LIKE '" + TEST_DATABASE_PREFIX + "%'")) {
            var stale = new java.util.ArrayList<String>();
            while (names.next()) {
                String name = names.getString(1);
                String[] parts = name.substring(TEST_DATABASE_PREFIX.length()).split("_", 2);
                try {
                    if (Long.parseLong(parts[0], 36) < cutoff) {
                        stale.add(name);
                    }
                }
                catch (NumberFormatException notOurs) {
                    // a database that only looks like ours: leave it alone
                }
            }
            for (String name : stale) {
                statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            }
        }
        catch (java.sql.SQLException e) {
            LOG.warning(() -> "could not sweep stale test databases: " + e.getMessage());
        }
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[4];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String sanitize(String purpose) {
        String cleaned = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return cleaned.length() > 24 ? cleaned.substring(0, 24) : cleaned;
    }

}
