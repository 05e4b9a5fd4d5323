package dev.surge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresServerTests {

    @Test
    void readsTheLibpqUrlForm() {
        var server = PostgresServer.fromUrl("postgresql://surge:s%40cret@db.internal:6543/shop", "test");

        assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/shop");
        assertThat(server.r2dbcUrl()).isEqualTo("r2dbc:postgresql://db.internal:6543/shop");
        assertThat(server.user()).isEqualTo("surge");
        assertThat(server.password()).isEqualTo("s@cret");
    }

    @Test
    void defaultsUserPortAndDatabase() {
        var server = PostgresServer.fromUrl("postgresql://127.0.0.1", "test");

        assertThat(server.port()).isEqualTo(5432);
        assertThat(server.user()).isEqualTo("postgres");
        assertThat(server.database()).isEqualTo("postgres");
        assertThat(server.url()).isEqualTo("postgresql://postgres@127.0.0.1:5432/postgres");
    }

    @Test
    void refusesOtherSchemes() {
        assertThatThrownBy(() -> PostgresServer.fromUrl("mysql://127.0.0.1/x", "test"))
            .isInstanceOf(IllegalArgumentException.class);
    }

}
