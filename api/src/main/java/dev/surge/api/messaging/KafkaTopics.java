package dev.surge.api.messaging;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Creates Surge's topics where they are missing (the admin client blocks, so it runs on
 * the bounded elastic scheduler, never an event loop). Remembers success, so it asks the
 * broker once per run; until then every relay pass tries again.
 */
final class KafkaTopics {

    private final KafkaSettings settings;

    private volatile boolean ensured;

    KafkaTopics(KafkaSettings settings) {
        this.settings = settings;
    }

    Mono<Void> ensure() {
        if (ensured) {
            return Mono.empty();
        }
        return Mono.fromRunnable(this::create).subscribeOn(Schedulers.boundedElastic()).then();
    }

    /** The topic's partitions, once it exists. */
    Mono<List<TopicPartition>> partitionsOf(String topic) {
        return ensure().then(Mono.fromCallable(() -> {
            try (Admin admin = admin()) {
                return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .toList();
            }
        }).subscribeOn(Schedulers.boundedElastic()));
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", settings.bootstrapServers(), "request.timeout.ms", 5000,
                "default.api.timeout.ms", 10000));
    }

    private void create() {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = List.of(settings.vendorOrdersTopic(), settings.ordersTopic())
                .stream()
                .filter(topic -> !existing.contains(topic))
                .map(topic -> new NewTopic(topic, settings.partitions(), settings.replicationFactor()))
                .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
            }
            ensured = true;
        }
        catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("could not create Kafka topics: " + e.getMessage(), e);
        }
    }

}
