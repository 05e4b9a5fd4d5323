package dev.surge.api.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.VendorEventFeed;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.util.retry.Retry;

/**
 * Each instance reads every partition of the vendor topic itself and fans the events out
 * to its local vendor streams. No consumer group: nothing to rebalance or commit, and no
 * committed offset to lose. It starts at the end of each partition (what happened before
 * is served from the outbox) and remembers the next offset of each, so reconnecting after
 * the broker went away carries on where it stopped instead of skipping what was published
 * meanwhile.
 */
final class KafkaVendorEventFeed implements VendorEventFeed, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaVendorEventFeed.class);

    private static final Duration POSITION_WAIT = Duration.ofSeconds(10);

    private final KafkaSettings settings;

    private final KafkaTopics topics;

    private final EventEnvelopes envelopes;

    private final Sinks.Many<OrderEvent> events = Sinks.many().multicast().directBestEffort();

    private final Map<TopicPartition, Long> nextOffsets = new ConcurrentHashMap<>();

    /**
     * Empty until the first assignment knows where each partition is read from: an event
     * published before that could be missed by a stream that had caught up from the
     * outbox already.
     */
    private final Sinks.Empty<Void> positioned = Sinks.empty();

    private volatile Disposable consuming;

    KafkaVendorEventFeed(KafkaSettings settings, KafkaTopics topics, EventEnvelopes envelopes) {
        this.settings = settings;
        this.topics = topics;
        this.envelopes = envelopes;
    }

    @Override
    public Flux<OrderEvent> live(VendorId vendor) {
        return events.asFlux().filter(event -> vendor.equals(event.vendorId()));
    }

    /**
     * Waits for the first positions, at most {@link #POSITION_WAIT}: with the broker away
     * at start, streams still serve what the outbox holds, and go live once it is back.
     */
    @Override
    public Mono<Void> ready() {
        return positioned.asMono().timeout(POSITION_WAIT, Mono.empty());
    }

    @Override
    public void start() {
        Map<String, Object> consumer = Map.of("bootstrap.servers", settings.bootstrapServers(), "client.id",
                "surge-vendor-streams-" + UUID.randomUUID(), "enable.auto.commit", false,
                // Only if the broker lost what we were about to read: go on from its end.
                "auto.offset.reset", "latest");
        consuming = topics.partitionsOf(settings.vendorOrdersTopic())
            .flatMapMany(partitions -> KafkaReceiver.create(ReceiverOptions.<String, String>create(consumer)
                .withKeyDeserializer(new StringDeserializer())
                .withValueDeserializer(new StringDeserializer())
                .assignment(partitions)
                .addAssignListener(assigned -> {
                    assigned.forEach(partition -> {
                        Long next = nextOffsets.get(partition.topicPartition());
                        if (next == null) {
                            partition.seekToEnd();
                            // Resolved now (the seek is lazy) and kept: a reconnection
                            // goes on from here even if nothing was read before.
                            nextOffsets.put(partition.topicPartition(), partition.position());
                        }
                        else {
                            partition.seek(next);
                        }
                    });
                    positioned.tryEmitEmpty();
                }))
                // Never acknowledged, so never committed: positions live in nextOffsets.
                .receive())
            .doOnNext(record -> nextOffsets.put(new TopicPartition(record.topic(), record.partition()),
                    record.offset() + 1))
            .flatMap(record -> Mono.fromCallable(() -> envelopes.read(record.value())).onErrorResume(unreadable -> {
                LOG.warn("Skipping an unreadable event at {}-{}@{}", record.topic(), record.partition(),
                        record.offset());
                return Mono.empty();
            }), 1)
            .doOnError(failure -> LOG.warn("Vendor event feed interrupted ({}); reconnecting", failure.toString()))
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10)))
            .subscribe(event -> events.emitNext(event, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(50))));
    }

    @Override
    public void stop() {
        Disposable current = consuming;
        if (current != null) {
            current.dispose();
        }
        events.tryEmitComplete();
    }

    @Override
    public boolean isRunning() {
        Disposable current = consuming;
        return current != null && !current.isDisposed();
    }

}
