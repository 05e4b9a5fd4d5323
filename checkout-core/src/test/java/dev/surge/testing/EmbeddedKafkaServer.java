package dev.surge.testing;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Kafka broker in KRaft mode, in this JVM, from the Maven-delivered
 * Kafka jars (spring-kafka-test's {@link EmbeddedKafkaKraftBroker}), on a free loopback
 * port. Transactions need their state log replicated once on a single node.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    public static EmbeddedKafkaServer start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr",
                "1", "offsets.topic.replication.factor", "1", "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        return new EmbeddedKafkaServer(broker);
    }

    public KafkaServer server() {
        return new KafkaServer(broker.getBrokersAsString(), "embedded Kafka (KRaft, spring-kafka-test)");
    }

    @Override
    public void close() {
        broker.destroy();
    }

}
