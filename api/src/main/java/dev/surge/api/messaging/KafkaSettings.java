package dev.surge.api.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of Surge's Kafka use.
 *
 * @param bootstrapServers the brokers ({@code SURGE_KAFKA_BOOTSTRAP}); required
 * @param vendorOrdersTopic sub-order events, keyed by vendor id (per-vendor order)
 * @param ordersTopic order status events, keyed by order id
 * @param partitions partitions of each topic when Surge creates it
 * @param replicationFactor replicas of each topic when Surge creates it
 * @param relayInterval how often the outbox relay looks for new events
 * @param relayBatch events published per relay pass at most
 * @param subscriberBuffer events buffered for one slow vendor stream before it is cut off
 */
@ConfigurationProperties("surge.kafka")
public record KafkaSettings(String bootstrapServers, @DefaultValue("surge.vendor-orders.v1") String vendorOrdersTopic,
        @DefaultValue("surge.orders.v1") String ordersTopic, @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor, @DefaultValue("200ms") Duration relayInterval,
        @DefaultValue("500") int relayBatch, @DefaultValue("1000") int subscriberBuffer) {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "No Kafka brokers: set SURGE_KAFKA_BOOTSTRAP (host:port,...), or run the "
                            + "embedded default, which starts a broker");
        }
    }

}
