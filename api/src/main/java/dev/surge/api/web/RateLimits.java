package dev.surge.api.web;

import dev.surge.checkout.port.Quota;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.Principal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which rate a request is counted against, under its caller's key (see {@link Callers}),
 * and the count of verdicts per limit.
 */
public final class RateLimits {

    /** The limited kinds of request, named as in configuration, keys and metrics. */
    public enum Limit {

        CART_WRITES("cart-writes"), CHECKOUTS("checkouts"), PAYMENT_CONFIRMS("payment-confirms"),
        STREAM_OPENS("stream-opens");

        private final String slug;

        Limit(String slug) {
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }

    }

    /** What became of a request at its limit, as counted in the metrics. */
    public enum Verdict {

        /** Within the limit. */
        GRANTED,
        /** Over it: answered 429. */
        REFUSED,
        /** Let through unchecked: Redis did not answer in time. */
        UNCHECKED,
        /** From an unthrottled address. */
        UNTHROTTLED

    }

    private final LimitProperties properties;

    private final Callers callers;

    private final Map<Limit, Map<Verdict, Counter>> counters = new EnumMap<>(Limit.class);

    public RateLimits(LimitProperties properties, Callers callers, MeterRegistry meters) {
        this.properties = properties;
        this.callers = callers;
        for (Limit limit : Limit.values()) {
            Map<Verdict, Counter> byVerdict = new EnumMap<>(Verdict.class);
            for (Verdict verdict : Verdict.values()) {
                byVerdict.put(verdict,
                        Counter.builder("surge.limits.requests")
                            .description("Rate-limited requests by limit and verdict")
                            .tag("limit", limit.slug())
                            .tag("verdict", verdict.name().toLowerCase())
                            .register(meters));
            }
            counters.put(limit, byVerdict);
        }
    }

    /**
     * The quota this request is counted against; empty when rates are off or the client
     * is unthrottled (counted as such).
     */
    public Optional<Quota.Rate> quota(Limit limit, @Nullable Principal principal, ServerHttpRequest request) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        Callers.Caller caller = callers.of(principal, request);
        if (caller.unthrottled()) {
            count(limit, Verdict.UNTHROTTLED);
            return Optional.empty();
        }
        LimitProperties.Rate rate = rate(limit);
        return Optional.of(Quota.Rate.of(limit.slug() + ":" + caller.key(), rate.requests(), rate.per(), rate.burst()));
    }

    public void count(Limit limit, Verdict verdict) {
        counters.get(limit).get(verdict).increment();
    }

    private LimitProperties.Rate rate(Limit limit) {
        return switch (limit) {
            case CART_WRITES -> properties.cartWrites();
            case CHECKOUTS -> properties.checkouts();
            case PAYMENT_CONFIRMS -> properties.paymentConfirms();
            case STREAM_OPENS -> properties.streamOpens();
        };
    }

}
