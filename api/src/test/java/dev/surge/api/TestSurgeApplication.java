package dev.surge.api;

import dev.surge.api.security.DemoTokenConfiguration;
import dev.surge.payments.StripeWebhooks;
import dev.surge.payments.stub.StripeStub;
import dev.surge.payments.stub.StripeStubProcess;
import dev.surge.testing.EmbeddedKafkaServer;
import dev.surge.testing.EmbeddedPostgresServer;
import dev.surge.testing.EmbeddedRedisServer;
import dev.surge.testing.KafkaBrokerProcess;
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
 * one. {@code SURGE_EMBEDDED_OWN_PROCESSES=true} runs the broker and the stand-in in JVMs
 * of their own (benchmarks); {@code SURGE_STRIPE_STUB_LATENCY} (e.g. {@code 250ms})
 * delays every answer of the stand-in. Ctrl-C closes the application first, then stops
 * every child process.
 */
public final class TestSurgeApplication {

    private static final Logger LOG = LoggerFactory.getLogger(TestSurgeApplication.class);

    /**
     * {@code true}: the Kafka broker and the Stripe stand-in run in JVMs of their own
     * (benchmarks count their CPU apart from Surge's); by default they share Surge's JVM,
     * which starts faster.
     */
    static final String OWN_PROCESSES = "SURGE_EMBEDDED_OWN_PROCESSES";

    private static final String WEBHOOK_PATH = "/api/v1/webhooks/stripe";

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

            boolean ownProcesses = configured(OWN_PROCESSES).map(Boolean::parseBoolean).orElse(false);
            configured("SURGE_KAFKA_BOOTSTRAP")
                .ifPresentOrElse(servers -> described.add("Kafka from SURGE_KAFKA_BOOTSTRAP"), () -> {
                    if (ownProcesses) {
                        var broker = KafkaBrokerProcess.startForLoad();
                        started.add(broker);
                        System.setProperty("surge.kafka.bootstrap-servers", broker.bootstrapServers());
                        described
                            .add("Kafka (KRaft) broker process " + broker.pid() + " on " + broker.bootstrapServers());
                        return;
                    }
                    var kafka = EmbeddedKafkaServer.start();
                    started.add(kafka);
                    System.setProperty("surge.kafka.bootstrap-servers", kafka.server().bootstrapServers());
                    described.add("embedded Kafka (KRaft) on " + kafka.server().bootstrapServers());
                });
            Duration stripeLatency = StripeStubProcess.latencyFromEnvironment();
            StripeStub stripe = null;
            if (configured("SURGE_STRIPE_API_KEY").isPresent()) {
                described.add("Stripe with SURGE_STRIPE_API_KEY");
            }
            else if (ownProcesses) {
                // The child needs Surge's port now, before Surge starts: PORT,
                // default 8080.
                URI webhooks = URI.create("http://127.0.0.1:" + configured("PORT").orElse("8080") + WEBHOOK_PATH);
                var stub = StripeStubProcess.start(webhooks, StripeWebhooks.EVENT_TYPES, stripeLatency);
                started.add(stub);
                System.setProperty("surge.payments.stripe.api-key", stub.apiKey());
                System.setProperty("surge.payments.stripe.api-base", stub.apiBase().toString());
                System.setProperty("surge.payments.stripe.webhook-secret", stub.webhookSecret());
                described
                    .add("Stripe stand-in process " + stub.pid() + " at " + stub.apiBase() + latency(stripeLatency));
            }
            else {
                stripe = StripeStub.start();
                started.add(stripe);
                if (!stripeLatency.isZero()) {
                    stripe.faults().delayResponses(stripeLatency);
                }
                System.setProperty("surge.payments.stripe.api-key", stripe.apiKey());
                System.setProperty("surge.payments.stripe.api-base", stripe.apiBase().toString());
                System.setProperty("surge.payments.stripe.webhook-secret", stripe.webhooks().secret());
                described.add("Stripe stand-in at " + stripe.apiBase() + latency(stripeLatency));
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
                    .deliverTo(URI.create("http://127.0.0.1:" + port + WEBHOOK_PATH));
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

    private static String latency(Duration latency) {
        return latency.isZero() ? "" : " (every answer " + latency.toMillis() + " ms late)";
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
