package dev.surge.api.web;

import dev.surge.api.web.RateLimits.Limit;
import dev.surge.api.web.RateLimits.Verdict;
import dev.surge.checkout.port.InventoryUnavailable;
import dev.surge.checkout.port.QuotaVerdict;
import dev.surge.checkout.port.Quotas;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits on cart writes, checkouts and stream opens (issue #16): one Redis call per
 * limited request, before any of its work; over the limit it answers
 * {@code 429 rate-limited} with {@code Retry-After}. Payment confirmations are counted by
 * the confirmation itself, together with the order's attempt cap, in the same single call
 * (see {@code OrdersController}). When Redis does not answer in time the request goes on
 * unchecked: whatever it needs from Redis then fails on its own, and a stream or a cart
 * read should not fail for the limit's sake.
 */
public final class RateLimiting implements WebFilter, Ordered {

    /**
     * After security (the caller's subject is known), before load shedding: a refused
     * request never takes a place among the writes in flight, and its quick 429 never
     * tells the concurrency limit that the system is fast.
     */
    static final int ORDER = LoadShedding.ORDER - 1;

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiting.class);

    private final RateLimits limits;

    private final Quotas quotas;

    public RateLimiting(RateLimits limits, Quotas quotas) {
        this.limits = limits;
        this.quotas = quotas;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Limit limit = limitOf(exchange.getRequest());
        if (limit == null) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap(principal -> limited(limit, principal.orElse(null), exchange, chain));
    }

    private Mono<Void> limited(Limit limit, @Nullable Principal principal, ServerWebExchange exchange,
            WebFilterChain chain) {
        return limits.quota(limit, principal, exchange.getRequest())
            .map(quota -> quotas.take(List.of(quota)).onErrorResume(InventoryUnavailable.class, failure -> {
                LOG.debug("{} let through unchecked: {}", limit.slug(), failure.getMessage());
                limits.count(limit, Verdict.UNCHECKED);
                return Mono.just(new QuotaVerdict.Granted());
            }).flatMap(verdict -> switch (verdict) {
                case QuotaVerdict.Granted granted -> {
                    limits.count(limit, Verdict.GRANTED);
                    yield chain.filter(exchange);
                }
                case QuotaVerdict.Refused refused -> {
                    limits.count(limit, Verdict.REFUSED);
                    yield Mono.error(refusal(limit, refused.retryAfter()));
                }
            }))
            .orElseGet(() -> chain.filter(exchange));
    }

    static ApiProblem refusal(Limit limit, Duration retryAfter) {
        return new ApiProblem(ProblemType.RATE_LIMITED,
                "Too many " + limit.slug().replace('-', ' ') + " from you; try again after the time in Retry-After.",
                Map.of("limit", limit.slug()), retryAfter);
    }

    /** The limit a request counts against; {@code null} for one that is not limited. */
    static @Nullable Limit limitOf(ServerHttpRequest request) {
        return limitOf(request.getMethod(), RequestPaths.routed(request));
    }

    /**
     * The limit a request to {@code path} (or a path template of the OpenAPI document)
     * counts against in this filter; {@code null} for one it does not limit.
     */
    static @Nullable Limit limitOf(HttpMethod method, String path) {
        if (EventStreams.isStream(method, path)) {
            return Limit.STREAM_OPENS;
        }
        if (HttpMethod.POST.equals(method) && path.equals("/api/v1/checkouts")) {
            return Limit.CHECKOUTS;
        }
        boolean cartWrite = HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method)
                || HttpMethod.DELETE.equals(method) || HttpMethod.PATCH.equals(method);
        return cartWrite && (path.equals("/api/v1/carts") || path.startsWith("/api/v1/carts/")) ? Limit.CART_WRITES
                : null;
    }

}
