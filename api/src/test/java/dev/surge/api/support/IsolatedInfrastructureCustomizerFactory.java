package dev.surge.api.support;

import dev.surge.testing.PostgresServer;
import dev.surge.testing.TestInfrastructure;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points each {@link SurgeIntegrationTest} class at a database and Redis key prefix of
 * its own. The customizer equals only itself per test class, so classes never share an
 * application context and therefore never share data.
 */
public class IsolatedInfrastructureCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
            .isPresent(SurgeIntegrationTest.class) ? new IsolatedInfrastructure(testClass) : null;
    }

    private record IsolatedInfrastructure(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            PostgresServer database = TestInfrastructure.isolatedDatabase(testClass.getSimpleName());
            String redisUrl = TestInfrastructure.redis().url();
            context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("isolatedInfrastructure",
                        Map.of("spring.r2dbc.url", database.r2dbcUrl(), "spring.r2dbc.username", database.user(),
                                "spring.r2dbc.password", database.password(), "spring.flyway.url", database.jdbcUrl(),
                                "spring.flyway.user", database.user(), "spring.flyway.password", database.password(),
                                "spring.data.redis.url", redisUrl, "surge.inventory.key-prefix",
                                TestInfrastructure.isolatedKeyPrefix(testClass.getSimpleName()))));
        }
    }

}
