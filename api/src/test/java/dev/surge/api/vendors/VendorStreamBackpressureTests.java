package dev.surge.api.vendors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.messaging.EventEnvelopes;
import dev.surge.api.messaging.KafkaSettings;
import dev.surge.api.sse.VendorOrderStreamController;
import dev.surge.checkout.application.StreamVendorEvents;
import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorRole;
import dev.surge.checkout.port.OrderEventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import dev.surge.checkout.port.VendorTeams;
import tools.jackson.databind.json.JsonMapper;

/**
 * A vendor stream that cannot keep up is cut off with a final problem event once its
 * buffer is full, and never holds back the other streams fed by the same events.
 */
class VendorStreamBackpressureTests {

    private static final VendorId VENDOR = new VendorId(UUID.randomUUID());

    private final Sinks.Many<OrderEvent> published = Sinks.many().multicast().directBestEffort();

    private final VendorOrderStreamController controller = new VendorOrderStreamController(
            new StreamVendorEvents(new NothingMissed(), vendor -> published.asFlux()), new NoTeamChanges(),
            new EventEnvelopes(JsonMapper.builder().build()),
            new KafkaSettings("127.0.0.1:9092", "v", "o", 1, (short) 1, Duration.ofMillis(200), 500, 5),
            Duration.ofSeconds(5));

    /**
     * 60 events overflow the stalled stream: its buffer of 5 plus the 32 its heartbeat
     * merge prefetches.
     */
    @Test
    void cutsOffAStalledStreamWithAProblemEventWithoutHoldingBackTheOthers() {
        Flux<ServerSentEvent<String>> stalled = controller.stream(fulfillment(), null, null)
            .filter(event -> event.data() != null);
        Flux<ServerSentEvent<String>> keepingUp = controller.stream(fulfillment(), null, null)
            .filter(event -> event.data() != null);

        StepVerifier.create(stalled, 0)
            .then(() -> StepVerifier.create(keepingUp.take(60))
                .then(() -> publish(60))
                .expectNextCount(60)
                .expectComplete()
                .verify(Duration.ofSeconds(5)))
            .thenRequest(Long.MAX_VALUE)
            .thenConsumeWhile(event -> !"problem".equals(event.event()))
            .assertNext(problem -> assertThat(problem.data()).contains("reconnect with Last-Event-ID"))
            .expectComplete()
            .verify(Duration.ofSeconds(5));
    }

    private void publish(int count) {
        for (int i = 1; i <= count; i++) {
            published.tryEmitNext(new OrderEvent(UUID.randomUUID(), i, "suborder.paid", Instant.now(),
                    new OrderId(UUID.randomUUID()), VENDOR, "{}", OrderEvent.SCHEMA_VERSION));
        }
    }

    private static Membership fulfillment() {
        return new Membership(VENDOR, "vendor-fulfillment", VendorRole.FULFILLMENT);
    }

    /** An outbox with nothing to catch up on. */
    private static final class NothingMissed implements OrderEventLog {

        @Override
        public Mono<Boolean> lease(String holder, Duration lease) {
            return Mono.just(false);
        }

        @Override
        public Flux<OrderEvent> nextToPublish(int limit) {
            return Flux.empty();
        }

        @Override
        public Mono<Void> markPublished(Collection<Long> sequences) {
            return Mono.empty();
        }

        @Override
        public Flux<OrderEvent> vendorEventsAfter(VendorId vendor, long sequence, int limit) {
            return Flux.empty();
        }

    }

    /** Teams nobody changes: streams here are never revoked. */
    private static final class NoTeamChanges implements VendorTeams {

        @Override
        public Mono<java.util.List<Membership>> memberships(String subject) {
            return Mono.just(java.util.List.of());
        }

        @Override
        public Mono<dev.surge.checkout.domain.VendorTeam> team(VendorId vendor) {
            return Mono.empty();
        }

        @Override
        public Mono<Boolean> record(dev.surge.checkout.domain.VendorTeam.Change.Made change) {
            return Mono.just(false);
        }

    }

}
