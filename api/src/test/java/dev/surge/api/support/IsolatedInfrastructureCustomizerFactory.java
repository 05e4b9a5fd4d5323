package dev.surge.api.support;

import dev.surge.payments.StripeWebhooks;
import dev.surge.payments.stub.StripeStub;
import dev.surge.testing.EmbeddedRedisServer;
import dev.surge.testing.KafkaBrokerProcess;
import dev.surge.testing.PostgresServer;
import dev.surge.testing.TestInfrastructure;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points each {@link SurgeIntegrationTest} class at a database, a Redis key prefix and a
 * Stripe stub of its own (the stub is a bean, for tests to inject faults and read its
 * ledger; its webhooks go to the application's port), and Kafka topics or a whole broker
 * of its own. The customizer equals only itself per test class, so classes never share an
 * application context and therefore never share data.
 */
public class IsolatedInfrastructureCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        var annotation = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
            .get(SurgeIntegrationTest.class);
        return annotation.isPresent() ? new IsolatedInfrastructure(testClass, annotation.getBoolean("ownKafkaBroker"),
                annotation.getBoolean("ownRedis"), annotation.getBoolean("postgresLink")) : null;
    }

    private record IsolatedInfrastructure(Class<?> testClass, boolean ownKafkaBroker, boolean ownRedis,
            boolean postgresLink) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            PostgresServer database = TestInfrastructure.isolatedDatabase(testClass.getSimpleName());
            String redisUrl = ownRedis ? startOwnRedis(context) : TestInfrastructure.redis().url();
            StripeStub stripe = StripeStub.start();
            KafkaBrokerProcess broker = ownKafkaBroker ? KafkaBrokerProcess.start() : null;
            String kafka = broker != null ? broker.bootstrapServers() : TestInfrastructure.kafka().bootstrapServers();
            // Topics of its own per test class, so classes never read each other's
            // events.
            String topicPrefix = TestInfrastructure.isolatedKeyPrefix(testClass.getSimpleName()).replace(':', '.');
            context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("isolatedInfrastructure",
                        Map.ofEntries(Map.entry("spring.r2dbc.url", r2dbcUrl(context, database)),
                                Map.entry("spring.r2dbc.username", database.user()),
                                Map.entry("spring.r2dbc.password", database.password()),
                                Map.entry("spring.flyway.url", database.jdbcUrl()),
                                Map.entry("spring.flyway.user", database.user()),
                                Map.entry("spring.flyway.password", database.password()),
                                Map.entry("spring.data.redis.url", redisUrl),
                                Map.entry("surge.inventory.key-prefix",
                                        TestInfrastructure.isolatedKeyPrefix(testClass.getSimpleName())),
                                Map.entry("surge.payments.stripe.api-key", stripe.apiKey()),
                                Map.entry("surge.payments.stripe.api-base", stripe.apiBase().toString()),
                                Map.entry("surge.payments.stripe.webhook-secret", stripe.webhooks().secret()),
                                Map.entry("surge.kafka.bootstrap-servers", kafka),
                                Map.entry("surge.kafka.vendor-orders-topic", topicPrefix + "vendor-orders"),
                                Map.entry("surge.kafka.orders-topic", topicPrefix + "orders"))));
            context.getBeanFactory().registerSingleton("stripeStub", stripe);
            if (broker != null) {
                // Stopped after the application's beans, so no client waits on a dead
                // broker while closing.
                context.getBeanFactory().registerSingleton("kafkaBroker", broker);
                ((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("kafkaBroker",
                        broker::close);
            }
            context.addApplicationListener(event -> {
                if (event instanceof WebServerInitializedEvent started) {
                    stripe.webhooks()
                        .enabledEvents(StripeWebhooks.EVENT_TYPES)
                        .deliverTo(URI.create(
                                "http://127.0.0.1:" + started.getWebServer().getPort() + "/api/v1/webhooks/stripe"));
                }
                else if (event instanceof ContextClosedEvent) {
                    stripe.close();
                }
            });
        }

        /**
         * The database's R2DBC URL, or one through a {@link DelayingLink} bean
         * ({@code postgresLink}) closed with the context.
         */
        private String r2dbcUrl(ConfigurableApplicationContext context, PostgresServer database) {
            if (!postgresLink) {
                return database.r2dbcUrl();
            }
            DelayingLink link = DelayingLink.to(database.host(), database.port());
            var beans = (DefaultListableBeanFactory) context.getBeanFactory();
            beans.registerSingleton("postgresLink", link);
            beans.registerDisposableBean("postgresLink", link::close);
            return database.r2dbcUrl().replace(database.host() + ":" + database.port(), "127.0.0.1:" + link.port());
        }

        /**
         * A redis-server of the class's own behind a {@link DelayingLink}, both beans
         * closed with the context: the URL the application uses.
         */
        private static String startOwnRedis(ConfigurableApplicationContext context) {
            EmbeddedRedisServer server = EmbeddedRedisServer.start();
            DelayingLink link = DelayingLink.to(server.server().host(), server.server().port());
            var beans = (DefaultListableBeanFactory) context.getBeanFactory();
            beans.registerSingleton("redisServer", server);
            beans.registerDisposableBean("redisServer", server::close);
            beans.registerSingleton("redisLink", link);
            beans.registerDisposableBean("redisLink", link::close);
            return "redis://127.0.0.1:" + link.port();
        }

    }

}
