package dev.surge.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SurgeServicesEnvironmentTests {

    @Test
    void derivesR2dbcAndFlywaySettingsFromOnePostgresUrl() {
        var environment = environmentWith(
                Map.of("surge.postgres.url", "postgresql://shop:p%40ss@db.internal:6543/surge?sslmode=require"));

        assertThat(environment.getProperty("spring.r2dbc.url"))
            .isEqualTo("r2dbc:postgresql://db.internal:6543/surge?sslMode=require");
        assertThat(environment.getProperty("spring.flyway.url"))
            .isEqualTo("jdbc:postgresql://db.internal:6543/surge?sslmode=require");
        assertThat(environment.getProperty("spring.r2dbc.username")).isEqualTo("shop");
        assertThat(environment.getProperty("spring.r2dbc.password")).isEqualTo("p@ss");
        assertThat(environment.getProperty("spring.flyway.password")).isEqualTo("p@ss");
    }

    @Test
    void letsExplicitSpringPropertiesWin() {
        var environment = environmentWith(Map.of("surge.postgres.url", "postgresql://a@one:5432/x", "spring.r2dbc.url",
                "r2dbc:postgresql://two:5432/y", "surge.redis.url", "redis://cache:6380"));

        assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://two:5432/y");
        assertThat(environment.getProperty("spring.data.redis.url")).isEqualTo("redis://cache:6380");
    }

    @Test
    void defaultsToLocalServices() {
        var environment = environmentWith(Map.of());

        assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://127.0.0.1:5432/surge");
        assertThat(environment.getProperty("spring.data.redis.url")).isEqualTo("redis://127.0.0.1:6379");
    }

    @Test
    void refusesUrlsOfTheWrongKindWithoutEchoingCredentials() {
        assertThatThrownBy(() -> environmentWith(Map.of("surge.postgres.url", "mysql://root:secret@db/x")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("postgresql://")
            .hasMessageNotContaining("secret");
    }

    private static StandardEnvironment environmentWith(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new SurgeServicesEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

}
