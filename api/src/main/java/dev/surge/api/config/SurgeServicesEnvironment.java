package dev.surge.api.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads {@code SURGE_POSTGRES_URL} and {@code SURGE_REDIS_URL} (or
 * {@code surge.postgres.url}, {@code surge.redis.url}) and derives the Spring properties
 * from them. They go in last, so a standard Spring property set anywhere
 * ({@code spring.r2dbc.url}, {@code spring.data.redis.url}, ...) still wins. Without
 * either, the defaults point at a local PostgreSQL database {@code surge} and a local
 * Redis.
 */
public class SurgeServicesEnvironment implements EnvironmentPostProcessor {

    static final String DEFAULT_POSTGRES_URL = "postgresql://surge@127.0.0.1:5432/surge";

    static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = new LinkedHashMap<>();
        derived.putAll(ServiceUrls.postgres(environment.getProperty("surge.postgres.url", DEFAULT_POSTGRES_URL)));
        derived.putAll(ServiceUrls.redis(environment.getProperty("surge.redis.url", DEFAULT_REDIS_URL)));
        environment.getPropertySources().addLast(new MapPropertySource("surgeServices", derived));
    }

}
