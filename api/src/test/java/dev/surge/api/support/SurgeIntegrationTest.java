package dev.surge.api.support;

import dev.surge.api.SurgeApplication;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole application on a random port, on real PostgreSQL and Redis from
 * {@link dev.surge.testing.TestInfrastructure}, with a database and Redis key prefix of
 * its own for each test class (see {@link IsolatedInfrastructureCustomizerFactory}), and
 * Kafka topics of its own (or a broker, see {@link #ownKafkaBroker()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
// Stock levels as the store holds them at that instant: the tests read the catalog to see
// what a sale or a release did (CatalogCachingIT covers the shown levels' age).
// The tests' clients all call from the loopback address: as one client they would meet
// the per-address rate limits, which RateLimitsIT tests with addresses of its own. Many
// tests leave one guest's orders unpaid by the dozen: the bound on a buyer's open orders
// is OpenOrdersIT's to test. Many race dozens of writes at once on a busy machine: the
// limit on writes in flight never falls below 100 for them (LoadSheddingIT tests
// shedding with a fixed limit of its own).
@SpringBootTest(classes = SurgeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "surge.catalog.availability-max-age=0s",
                "surge.limits.unthrottled=" + SurgeIntegrationTest.LOOPBACK, "surge.checkout.open-orders-per-buyer=0",
                "surge.http.overload.min-limit=100", "surge.http.overload.initial-limit=100" })
@AutoConfigureWebTestClient(timeout = "PT30S")
@Import({ FreshConnectionsPerRequest.class, RedisKeysCleanup.class })
public @interface SurgeIntegrationTest {

    /** The loopback addresses, IPv4 and IPv6, as CIDR ranges. */
    String LOOPBACK = "127.0.0.0/8,::1/128";

    /**
     * Whether the class gets a Kafka broker of its own, a bean of type
     * {@link dev.surge.testing.KafkaBrokerProcess} it may kill and restart, instead of
     * topics of its own on the shared broker.
     */
    boolean ownKafkaBroker() default false;

    /**
     * Whether the class gets a redis-server of its own, reached through a
     * {@link DelayingLink} bean the test may slow down, instead of a key prefix of its
     * own on the shared Redis.
     */
    boolean ownRedis() default false;

    /**
     * Whether the application reaches its database through a {@link DelayingLink} bean
     * ({@code postgresLink}) the test may make lose answers (Flyway migrates directly).
     */
    boolean postgresLink() default false;

}
