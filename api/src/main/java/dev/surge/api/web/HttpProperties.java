package dev.surge.api.web;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTP edge: {@code requestTimeout} bounds each request-response exchange;
 * {@code retryAfter} is what a 503 tells clients to wait before trying again;
 * {@code overload} is the concurrency limit in front of the write endpoints;
 * {@code trustedProxies} are the addresses or CIDR ranges of the proxies whose
 * {@code X-Forwarded-For} names the client (see {@link ClientAddresses}), none by
 * default.
 */
@ConfigurationProperties("surge.http")
public record HttpProperties(@DefaultValue("10s") Duration requestTimeout, @DefaultValue("1s") Duration retryAfter,
        @DefaultValue Overload overload, @DefaultValue List<String> trustedProxies) {

    /** The {@code Retry-After} header value: whole seconds, at least one. */
    public String retryAfterSeconds() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    /**
     * How many write requests may be in flight at once before the next answers
     * {@code 503 overloaded}: a limit that adapts to the latency seen (Gradient2: it
     * falls when requests slow down against their long-run latency, grows while they do
     * not), between {@code minLimit} and {@code maxLimit}; or a fixed one.
     *
     * @param enabled whether write requests are limited at all
     * @param initialLimit where the limit starts
     * @param minLimit the limit never falls below this: above the concurrency the
     * sustained peak needs (bench.sh's 100 journeys/s pass with it, docs/benchmarks.md)
     * @param maxLimit nor grows above this
     * @param fixedLimit a fixed limit instead of an adaptive one, when set
     * @param longWindow how many requests the long-run latency the limit compares with is
     * averaged over (Gradient2's own default, 600, is under a second at a flash sale's
     * rate: the long run then drifts up with the overload and the limit never falls)
     * @param rttTolerance how much slower than the long run requests may get before the
     * limit falls
     */
    public record Overload(@DefaultValue("true") boolean enabled, @DefaultValue("20") int initialLimit,
            @DefaultValue("10") int minLimit, @DefaultValue("1000") int maxLimit, @Nullable Integer fixedLimit,
            @DefaultValue("10000") int longWindow, @DefaultValue("1.5") double rttTolerance) {

        public Overload {
            // A floor raised alone lifts the start with it (the floor is the setting the
            // docs tell operators to raise).
            initialLimit = Math.max(initialLimit, minLimit);
            if (minLimit < 1 || initialLimit > maxLimit) {
                throw new IllegalArgumentException(
                        "surge.http.overload needs 1 <= min-limit <= initial-limit <= max-limit");
            }
            if (longWindow < 1 || rttTolerance < 1) {
                throw new IllegalArgumentException("surge.http.overload needs long-window >= 1 and rtt-tolerance >= 1");
            }
            if (fixedLimit != null && fixedLimit < 1) {
                throw new IllegalArgumentException("surge.http.overload.fixed-limit must be positive");
            }
        }

    }

}
