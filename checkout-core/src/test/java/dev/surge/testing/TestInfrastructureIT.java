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
import java.util.HashMap;
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
        KafkaServer kafka = TestInfrastructure.kafka();
        String topic = "surge-test-" + UUID.randomUUID();
        Map<String, Object> common = Map.of("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> producerConfig = new HashMap<>(common);
        producerConfig.put("acks", "all");
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "hello")).get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> consumerConfig = new HashMap<>(common);
        consumerConfig.put("group.id", topic);
        consumerConfig.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
            assertThat(values).containsExactly("hello");
        }
    }

}
