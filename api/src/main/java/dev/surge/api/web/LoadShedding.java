package dev.surge.api.web;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Sheds load in front of the write endpoints: past the concurrency limit a write answers
 * {@code 503 overloaded} with {@code Retry-After} at once, instead of queueing behind the
 * requests already in flight until every one of them is slow (issue #16). The limit
 * adapts to the latency it sees (see {@link HttpProperties.Overload}); a request that
 * timed out or answered 503 tells it the system is saturated. Reads, event streams and
 * Stripe's webhooks are never shed: reads are cheap and cached, a stream is long by
 * design, and a webhook carries money that Stripe would otherwise retry for hours.
 */
public final class LoadShedding implements WebFilter, Ordered {

    /**
     * After security (unauthenticated writes are refused before taking a place), around
     * the request timeout, so a timeout reaches the limit as a sign of saturation.
     */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1;

    private final SimpleLimiter<String> limiter;

    private final Counter shed;

    public LoadShedding(HttpProperties.Overload overload, MeterRegistry meters) {
        this.limiter = SimpleLimiter.newBuilder().named("surge-writes").limit(limit(overload)).build();
        this.shed = Counter.builder("surge.http.writes.shed")
            .description("Write requests answered 503 overloaded at the concurrency limit")
            .register(meters);
        Gauge.builder("surge.http.writes.limit", limiter, SimpleLimiter::getLimit)
            .description("Write requests allowed in flight at once, as the limit now stands")
            .register(meters);
        Gauge.builder("surge.http.writes.in-flight", limiter, SimpleLimiter::getInflight)
            .description("Write requests in flight")
            .register(meters);
    }

    private static Limit limit(HttpProperties.Overload overload) {
        if (overload.fixedLimit() != null) {
            return FixedLimit.of(overload.fixedLimit());
        }
        return Gradient2Limit.newBuilder()
            .initialLimit(overload.initialLimit())
            .minLimit(overload.minLimit())
            .maxConcurrency(overload.maxLimit())
            .longWindow(overload.longWindow())
            .rttTolerance(overload.rttTolerance())
            .build();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isGuarded(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        Optional<Limiter.Listener> slot = limiter.acquire("write");
        if (slot.isEmpty()) {
            shed.increment();
            return Mono.error(new ApiProblem(ProblemType.OVERLOADED,
                    "Surge is serving as many requests as it can; try again shortly.", Map.of()));
        }
        Limiter.Listener listener = slot.get();
        return chain.filter(exchange)
            .doFinally(signal -> settle(listener, signal, exchange.getResponse().getStatusCode() == null ? 0
                    : exchange.getResponse().getStatusCode().value()));
    }

    /**
     * What the request tells the limit: its latency counts unless it failed for want of
     * capacity (a 503, a timeout: the limit should fall) or for reasons of its own.
     */
    private static void settle(Limiter.Listener listener, SignalType signal, int status) {
        if (signal == SignalType.ON_COMPLETE && status != 503 && status < 500) {
            listener.onSuccess();
        }
        else if (signal == SignalType.ON_ERROR || status == 503) {
            listener.onDropped();
        }
        else {
            listener.onIgnore();
        }
    }

    private static boolean isGuarded(ServerHttpRequest request) {
        return isGuarded(request.getMethod(), RequestPaths.routed(request));
    }

    /** Whether a request to {@code path} (or a path template) may be shed. */
    static boolean isGuarded(HttpMethod method, String path) {
        return (HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method)
                || HttpMethod.DELETE.equals(method)) && path.startsWith("/api/v1/")
                && !path.startsWith("/api/v1/webhooks/");
    }

}
