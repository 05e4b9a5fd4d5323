package dev.surge.api.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Caps the event streams open at once on this instance, per client and in total: past
 * either the stream is refused with {@code 429 too-many-streams} and {@code Retry-After}
 * before it opens. A stream holds a connection, a subscription and memory for as long as
 * its client stays, so one client opening thousands would starve the rest. Counted per
 * instance, in memory: what a stream costs is the instance's, and a count in Redis would
 * outlive an instance that died with its streams.
 */
public final class StreamCap implements WebFilter, Ordered {

    /** After the rate limits: a stream refused for its rate never counts here. */
    static final int ORDER = RateLimiting.ORDER + 1;

    private final LimitProperties.Streams limits;

    private final Callers callers;

    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();

    private final AtomicInteger open = new AtomicInteger();

    private final Counter refusedPerClient;

    private final Counter refusedInTotal;

    public StreamCap(LimitProperties.Streams limits, Callers callers, MeterRegistry meters) {
        this.limits = limits;
        this.callers = callers;
        Gauge.builder("surge.streams.open", open, AtomicInteger::get)
            .description("Event streams open on this instance")
            .register(meters);
        this.refusedPerClient = refused(meters, "per-client");
        this.refusedInTotal = refused(meters, "total");
    }

    private static Counter refused(MeterRegistry meters, String cap) {
        return Counter.builder("surge.streams.refused")
            .description("Event streams refused 429 too-many-streams, by the cap reached")
            .tag("cap", cap)
            .register(meters);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!EventStreams.isStream(exchange.getRequest().getMethod(), RequestPaths.routed(exchange.getRequest()))) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap(principal -> opened(principal.orElse(null), exchange, chain));
    }

    private Mono<Void> opened(@Nullable Principal principal, ServerWebExchange exchange, WebFilterChain chain) {
        Callers.Caller caller = callers.of(principal, exchange.getRequest());
        if (open.incrementAndGet() > limits.total()) {
            open.decrementAndGet();
            refusedInTotal.increment();
            return Mono.error(refusal("Surge is serving as many event streams as it can"));
        }
        String counted = caller.unthrottled() ? null : caller.key();
        if (counted != null && perClient.merge(counted, 1, Integer::sum) > limits.perClient()) {
            close(counted);
            refusedPerClient.increment();
            return Mono.error(refusal("You have " + limits.perClient() + " event streams open already; close one"));
        }
        return chain.filter(exchange).doFinally(signal -> close(counted));
    }

    private void close(@Nullable String counted) {
        open.decrementAndGet();
        if (counted != null) {
            perClient.computeIfPresent(counted, (key, streams) -> streams == 1 ? null : streams - 1);
        }
    }

    private ApiProblem refusal(String why) {
        return new ApiProblem(ProblemType.TOO_MANY_STREAMS, why + "; try again after the time in Retry-After.",
                Map.of(), limits.retryAfter());
    }

}
