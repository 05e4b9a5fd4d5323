package dev.surge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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

    @Test
    void providesAKafkaBrokerThatStoresAndServesRecords() throws Exception {
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        String topic = createTopic(bootstrap);
        send(bootstrap, topic, "hello");

        assertThat(read(bootstrap, topic, 1)).containsExactly("hello");
    }

    @Test
    void startsABrokerThatComesBackWithItsDataAfterBeingKilled() throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
            String topic = createTopic(broker.bootstrapServers());
            send(broker.bootstrapServers(), topic, "before");

            broker.kill();
            broker.restart();
            send(broker.bootstrapServers(), topic, "after");

            assertThat(read(broker.bootstrapServers(), topic, 2)).containsExactly("before", "after");
        }
    }

    private static String createTopic(String bootstrap) throws Exception {
        String topic = "surge-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static void send(String bootstrap, String topic, String value) throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "acks", "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> read(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "group.id", topic, "auto.offset.reset",
                "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }

}
