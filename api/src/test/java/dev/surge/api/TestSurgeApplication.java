package dev.surge.api;

import dev.surge.api.security.DemoTokenConfiguration;
import dev.surge.payments.StripeWebhooks;
import dev.surge.payments.stub.StripeStub;
import dev.surge.testing.EmbeddedKafkaServer;
import dev.surge.testing.EmbeddedPostgresServer;
import dev.surge.testing.EmbeddedRedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default: {@code ./mvnw -pl api -am spring-boot:test-run} starts real
 * PostgreSQL and Redis processes from Maven-delivered binaries, a KRaft Kafka broker in
 * this JVM from Maven-delivered jars, and the Stripe-compatible stand-in (webhooks signed
 * and sent to this Surge), then Surge on them with the demo catalog and demo tokens.
 * Lives in test scope (Spring Boot's convention for development-time services) so the
 * binaries never ship in the jar. A service given through {@code SURGE_POSTGRES_URL},
 * {@code SURGE_REDIS_URL} or {@code SURGE_STRIPE_API_KEY} is used instead of starting
 * one. Ctrl-C closes the application first, then stops every child process.
 */
public final class TestSurgeApplication {

    private static final Logger LOG = LoggerFactory.getLogger(TestSurgeApplication.class);

    private TestSurgeApplication() {
    }

    public static void main(String[] args) {
        long startedAt = System.nanoTime();
        List<AutoCloseable> started = new ArrayList<>();
        List<String> described = new ArrayList<>();
        try {
            configured("SURGE_POSTGRES_URL").ifPresentOrElse(url -> described.add("PostgreSQL from SURGE_POSTGRES_URL"),
                    () -> {
                        var postgres = EmbeddedPostgresServer.start(true);
                        started.add(postgres);
                        System.setProperty("surge.postgres.url", postgres.server().url());
                        described.add("embedded PostgreSQL (durable commits) on 127.0.0.1:" + postgres.server().port());
                    });
            configured("SURGE_REDIS_URL").ifPresentOrElse(url -> described.add("Redis from SURGE_REDIS_URL"), () -> {
                var redis = EmbeddedRedisServer.start();
                started.add(redis);
                System.setProperty("surge.redis.url", redis.server().url());
                described.add("embedded Redis on 127.0.0.1:" + redis.server().port());
            });

            configured("SURGE_KAFKA_BOOTSTRAP")
                .ifPresentOrElse(servers -> described.add("Kafka from SURGE_KAFKA_BOOTSTRAP"), () -> {
                    var kafka = EmbeddedKafkaServer.start();
                    started.add(kafka);
                    System.setProperty("surge.kafka.bootstrap-servers", kafka.server().bootstrapServers());
                    described.add("embedded Kafka (KRaft) on " + kafka.server().bootstrapServers());
                });
            StripeStub stripe = null;
            if (configured("SURGE_STRIPE_API_KEY").isPresent()) {
                described.add("Stripe with SURGE_STRIPE_API_KEY");
            }
            else {
                stripe = StripeStub.start();
                started.add(stripe);
                System.setProperty("surge.payments.stripe.api-key", stripe.apiKey());
                System.setProperty("surge.payments.stripe.api-base", stripe.apiBase().toString());
                System.setProperty("surge.payments.stripe.webhook-secret", stripe.webhooks().secret());
                described.add("Stripe stand-in at " + stripe.apiBase());
            }

            var application = new SpringApplication(SurgeApplication.class);
            application.setAdditionalProfiles(DemoTokenConfiguration.PROFILE);
            // One hook closes the application, then its services, in that order.
            application.setRegisterShutdownHook(false);
            ConfigurableApplicationContext context = application.run(args);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("surge-shutdown").unstarted(() -> {
                context.close();
                stopAll(started);
            }));

            String port = context.getEnvironment().getProperty("local.server.port", "8080");
            if (stripe != null) {
                // Subscribed to what Surge acts on, as docs/payments.md asks of a real
                // endpoint.
                stripe.webhooks()
                    .enabledEvents(StripeWebhooks.EVENT_TYPES)
                    .deliverTo(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/stripe"));
            }
            LOG.info(
                    "Surge is up at http://127.0.0.1:{} after {} ms: {}, demo catalog, demo tokens "
                            + "(POST /api/v1/dev/tokens). Ctrl-C stops everything.",
                    port, Duration.ofNanos(System.nanoTime() - startedAt).toMillis(), String.join(", ", described));
        }
        catch (RuntimeException e) {
            stopAll(started);
            throw e;
        }
    }

    private static Optional<String> configured(String variable) {
        return Optional.ofNullable(System.getenv(variable)).filter(value -> !value.isBlank());
    }

    private static void stopAll(List<AutoCloseable> services) {
        for (AutoCloseable service : services.reversed()) {
            try {
                service.close();
            }
            catch (Exception e) {
                LOG.warn("Could not stop {}", service, e);
            }
        }
    }

}
