package dev.surge.api.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.port.OrderEventBus;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/**
 * Publishes order events with an idempotent producer and {@code acks=all}: sub-order
 * events to the vendor topic keyed by vendor id, order events to the order topic keyed by
 * order id, so each vendor's and each order's events keep their order.
 */
final class KafkaOrderEventBus implements OrderEventBus, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaOrderEventBus.class.getName());

    private final KafkaSender<String, String> sender;

    private final Mono<Void> producerReady;

    private volatile boolean producerMade;

    private final KafkaSettings settings;

    private final KafkaTopics topics;

    private final EventEnvelopes envelopes;

    KafkaOrderEventBus(KafkaSettings settings, KafkaTopics topics, EventEnvelopes envelopes) {
        this.settings = settings;
        this.topics = topics;
        this.envelopes = envelopes;
        Map<String, Object> producer = Map.of("bootstrap.servers", settings.bootstrapServers(), "acks", "all",
                "enable.idempotence", true, "max.in.flight.requests.per.connection", 5, "linger.ms", 5,
                // Never park a caller for long when the broker is away: the relay simply
                // tries again.
                "max.block.ms", 2000, "delivery.timeout.ms", 15000, "request.timeout.ms", 5000);
        this.sender = KafkaSender.create(SenderOptions.<String, String>create(producer)
            // Unpublished events stay in the outbox: shutting down never waits for a
            // broker.
            .closeTimeout(Duration.ofSeconds(5))
            .withKeySerializer(new StringSerializer())
            .withValueSerializer(new StringSerializer()));
        // Making a producer blocks (JMX registration, its I/O thread): made lazily, it
        // would be made on the event loop of the relay's first pass. So it is made now,
        // or, should that fail (a broker address that does not resolve yet), on a thread
        // that may block when the relay next publishes; Surge starts either way.
        this.producerReady = sender.doOnProducer(made -> Boolean.TRUE)
            .subscribeOn(Schedulers.boundedElastic())
            .then()
            .doOnSuccess(made -> this.producerMade = true);
        try {
            producerReady.block(Duration.ofSeconds(30));
        }
        catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.WARNING,
                    "Could not make the Kafka producer at start-up; trying again when events are published", failure);
        }
    }

    @Override
    public Mono<Void> publish(List<OrderEvent> events) {
        Mono<Void> send = topics.ensure().thenMany(sender.send(Flux.fromIterable(events).map(this::record))).then();
        return producerMade ? send : producerReady.then(send);
    }

    private SenderRecord<String, String, Long> record(OrderEvent event) {
        boolean forVendors = event.isForVendors();
        String topic = forVendors ? settings.vendorOrdersTopic() : settings.ordersTopic();
        String key = forVendors ? event.vendorId().toString() : event.orderId().toString();
        return SenderRecord.create(new ProducerRecord<>(topic, key, envelopes.write(event)), event.sequence());
    }

    @Override
    public void close() {
        sender.close();
    }

}
