package dev.surge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TestInfrastructureIT {

    @Test
    void givesEachCallerItsOwnEmptyDatabase() throws SQLException {
        PostgresServer first = TestInfrastructure.isolatedDatabase("fixture-a");
        PostgresServer second = TestInfrastructure.isolatedDatabase("fixture-b");

        assertThat(first.database()).isNotEqualTo(second.database());
        first.execute("CREATE TABLE marker (id int)");
        try (var connection = DriverManager.getConnection(second.jdbcUrl(), second.user(), second.password());
                var tables = connection.getMetaData().getTables(null, "public", "marker", null)) {
            assertThat(tables.next()).as("table created in another test's database").isFalse();
        }
    }

    @Test
    void givesEachCallerItsOwnRedisKeyPrefix() {
        assertThat(TestInfrastructure.isolatedKeyPrefix("same"))
            .isNotEqualTo(TestInfrastructure.isolatedKeyPrefix("same"));
    }

    @Test
    void providesARedisThatAnswers() throws IOException {
        RedisServer redis = TestInfrastructure.redis();
        try (var socket = new Socket(redis.host(), redis.port());
                var reply = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(reply.readLine()).isEqualTo("+PONG");
        }
    }

}
