package dev.surge.api.sse;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.surge.api.web.ApiProblem;
import dev.surge.api.web.ProblemType;
import dev.surge.api.web.ActingMember;
import dev.surge.checkout.application.StreamVendorEvents;
import dev.surge.checkout.port.VendorTeams;
import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorRole;
import dev.surge.api.messaging.EventEnvelopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A vendor's sub-order events live, as Server-Sent Events whose {@code id} is the event's
 * stream sequence: reconnect with {@code Last-Event-ID} to get exactly what was missed.
 * Only the caller's own vendor's events, whatever is asked. A client too slow to keep up
 * is cut off with a final {@code problem} event and resumes from its last id; a member
 * removed from the vendor (or moved to a role without its orders) is cut off at once with
 * a final {@code problem} event {@code vendor-role-required}.
 */
@RestController
@Tag(name = "Vendor orders")
public class VendorOrderStreamController {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final String INTERRUPTED = "{\"type\":\"https://surge.dev/problems/stream-interrupted\","
            + "\"detail\":\"The stream could not keep up or was interrupted; reconnect with Last-Event-ID.\"}";

    private static final ServerSentEvent<String> REVOKED = ServerSentEvent.<String>builder()
        .event("problem")
        .data("{\"type\":\"https://surge.dev/problems/vendor-role-required\",\"detail\":\"You no longer follow "
                + "this vendor's orders: your membership was removed or your role changed.\"}")
        .build();

    private final StreamVendorEvents streamVendorEvents;

    private final VendorTeams teams;

    private final EventEnvelopes envelopes;

    private final int buffer;

    private final Duration spread;

    public VendorOrderStreamController(StreamVendorEvents streamVendorEvents, VendorTeams teams,
            EventEnvelopes envelopes, dev.surge.api.messaging.KafkaSettings settings,
            @Value("${surge.limits.streams.resync-spread:5s}") Duration spread) {
        this.streamVendorEvents = streamVendorEvents;
        this.teams = teams;
        this.envelopes = envelopes;
        this.buffer = settings.subscriberBuffer();
        this.spread = spread;
    }

    @GetMapping(path = "/api/v1/vendor/orders/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow your sub-orders live (Server-Sent Events, resumable with Last-Event-ID)")
    public Flux<ServerSentEvent<String>> stream(@ActingMember(VendorRole.FULFILLMENT) Membership member,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            @RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParam) {
        VendorId vendor = member.vendor();
        long lastSeen = sequence(lastEventId != null ? lastEventId : lastEventIdParam);
        Flux<ServerSentEvent<String>> events = streamVendorEvents.stream(vendor, lastSeen)
            .onBackpressureBuffer(buffer, BufferOverflowStrategy.ERROR)
            .map(this::event);
        // The first heartbeat goes at once: the answer's headers are sent with it, so the
        // client knows it is connected even when there is nothing to tell yet. It and an
        // interruption tell the client to wait a random time before reconnecting
        // (SSE retry): streams dropped together (a broker hiccup, an instance gone) do
        // not all come back in the same second.
        Flux<ServerSentEvent<String>> body = events
            .mergeWith(Flux.interval(Duration.ZERO, HEARTBEAT)
                .map(tick -> tick == 0
                        ? ServerSentEvent.<String>builder().comment("heartbeat").retry(reconnectAfter()).build()
                        : ServerSentEvent.<String>builder().comment("heartbeat").build()))
            .onErrorResume(failure -> Mono.just(ServerSentEvent.<String>builder()
                .event("problem")
                .data(INTERRUPTED)
                .retry(reconnectAfter())
                .build()));
        return Flux.defer(() -> {
            AtomicBoolean gone = new AtomicBoolean();
            return body.takeUntilOther(revoked(member).doOnNext(revoked -> gone.set(true)))
                .concatWith(Mono.fromSupplier(() -> gone.get() ? REVOKED : null));
        });
    }

    /**
     * Emits once the member may no longer follow the vendor's orders (removed, or moved
     * to a role without them): told at once on every instance by the members' change
     * notification.
     */
    private Mono<Boolean> revoked(Membership member) {
        return teams.changes()
            .filter(subject -> subject.equals(member.subject()) || subject.equals(VendorTeams.ANYONE))
            .concatMap(subject -> teams.memberships(member.subject()))
            .filter(memberships -> memberships.stream()
                .noneMatch(now -> now.vendor().equals(member.vendor()) && now.mayActAs(VendorRole.FULFILLMENT)))
            .next()
            .map(gone -> true);
    }

    private Duration reconnectAfter() {
        return Duration.ofSeconds(1).plus(Jitter.upTo(spread));
    }

    private ServerSentEvent<String> event(OrderEvent event) {
        return ServerSentEvent.builder(envelopes.write(event))
            .id(String.valueOf(event.sequence()))
            .event(event.type())
            .build();
    }

    private static long sequence(@Nullable String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(lastEventId.strip()));
        }
        catch (NumberFormatException e) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED,
                    "Last-Event-ID must be the id of an event you received");
        }
    }

}
