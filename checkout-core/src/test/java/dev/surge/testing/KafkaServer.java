package dev.surge.testing;

import java.util.Objects;

/** A reachable Kafka broker; {@code source} says where it came from, for logs. */
public record KafkaServer(String bootstrapServers, String source) {

    public KafkaServer {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must not be blank");
        }
    }

}
