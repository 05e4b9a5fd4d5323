package dev.surge.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Surge application. Started as is, it connects to existing services (external mode,
 * see {@code SURGE_POSTGRES_URL}, {@code SURGE_REDIS_URL}); the embedded default with its
 * own PostgreSQL, Redis and demo catalog is {@code TestSurgeApplication}, run with
 * {@code ./mvnw -pl api -am spring-boot:test-run}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SurgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(SurgeApplication.class, args);
    }

}
