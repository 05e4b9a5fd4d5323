package dev.surge.api.sse;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.surge.api.web.ApiProblem;
import dev.surge.api.web.Customers;
import dev.surge.api.web.ProblemType;
import dev.surge.checkout.application.ShowOrder;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An order's status as Server-Sent Events: first the current status, then every change, a
 * heartbeat comment every 15 seconds; the stream ends after a final status (or after an
 * hour: reconnect to go on).
 */
@RestController
@Tag(name = "Orders")
public class OrderEventsController {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final Duration MAX_DURATION = Duration.ofHours(1);

    private static final Set<OrderStatus> FINAL = Set.of(OrderStatus.FULFILLED, OrderStatus.CANCELLED,
            OrderStatus.REFUNDED);

    private final ShowOrder showOrder;

    private final OrderStatusFeed feed;

    private final Duration spread;

    public OrderEventsController(ShowOrder showOrder, OrderStatusFeed feed,
            @Value("${surge.limits.streams.resync-spread:5s}") Duration spread) {
        this.showOrder = showOrder;
        this.feed = feed;
        this.spread = spread;
    }

    /** The data of an {@code order.status} event. */
    public record OrderStatusJson(String orderId, String status, String at) {
    }

    @GetMapping(path = "/api/v1/orders/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow an order's status live (Server-Sent Events)")
    public Flux<ServerSentEvent<OrderStatusJson>> events(@PathVariable UUID orderId,
            @RequestHeader(name = "X-Order-Token", required = false) @Nullable String orderToken,
            @AuthenticationPrincipal @Nullable Jwt token) {
        OrderId id = new OrderId(orderId);
        // Listen before reading, so no change between the read and the subscription is
        // missed; the
        // listening ends with the stream, whatever ends it.
        return Flux.defer(() -> {
            ConnectableFlux<OrderStatusFeed.StatusChange> live = feed.changes(id).replay();
            Disposable listening = live.connect();
            // After an interruption every open stream reads its order again: each at a
            // random moment within the spread, not all in the same millisecond.
            Flux<OrderStatusFeed.StatusChange> resyncs = feed.reconnections()
                .concatMap(reconnected -> Mono.delay(Jitter.upTo(spread))
                    .then(showOrder.show(id, Customers.of(token), orderToken)))
                .map(order -> new OrderStatusFeed.StatusChange(id, order.status(), Instant.now()));
            return showOrder.show(id, Customers.of(token), orderToken)
                .switchIfEmpty(Mono.error(() -> new ApiProblem(ProblemType.ORDER_NOT_FOUND,
                        "No order " + orderId + " for you.", java.util.Map.of("orderId", orderId))))
                .flatMapMany(order -> Flux
                    .concat(Mono.just(new OrderStatusFeed.StatusChange(id, order.status(), Instant.now())),
                            Flux.merge(live, resyncs))
                    .distinctUntilChanged(OrderStatusFeed.StatusChange::status)
                    .takeUntil(change -> FINAL.contains(change.status())))
                .index()
                .map(indexed -> event(indexed.getT2(), indexed.getT1() == 0 ? reconnectAfter() : null))
                .mergeWith(Flux.interval(HEARTBEAT)
                    .map(tick -> ServerSentEvent.<OrderStatusJson>builder().comment("heartbeat").build()))
                .takeUntilOther(Mono.delay(MAX_DURATION))
                .doFinally(signal -> listening.dispose());
        }).takeUntil(event -> event.data() != null && FINAL.contains(OrderStatus.valueOf(event.data().status())));
    }

    /**
     * How long a client whose stream drops should wait before reconnecting (SSE
     * {@code retry}), told with the first event: a second, plus a random part of the
     * spread, so the clients of an instance that went away do not all come back at once.
     */
    private Duration reconnectAfter() {
        return Duration.ofSeconds(1).plus(Jitter.upTo(spread));
    }

    private static ServerSentEvent<OrderStatusJson> event(OrderStatusFeed.StatusChange change,
            @Nullable Duration retry) {
        var event = ServerSentEvent
            .builder(new OrderStatusJson(change.orderId().toString(), change.status().name(), change.at().toString()))
            .event("order.status");
        return (retry == null ? event : event.retry(retry)).build();
    }

}
