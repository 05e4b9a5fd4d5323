package dev.surge.api.web;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on what one client may do, kept in Redis so they hold across instances (defaults
 * in application.yaml, explained in docs/limits.md). A guest is counted by address (see
 * {@link ClientAddresses}), a signed-in caller by token subject.
 *
 * @param enabled whether the rates are enforced at all (payment attempts per order are
 * always capped)
 * @param unthrottled addresses or CIDR ranges never rate limited (a load generator, an
 * internal service); none by default
 * @param cartWrites creating, changing and claiming carts
 * @param checkouts checkout requests
 * @param paymentConfirms payment confirmations
 * @param streamOpens opening an order or vendor event stream
 * @param paymentAttempts confirmations per order, whoever sends them (card testing)
 * @param streams event streams open at once, per client and in total
 */
@ConfigurationProperties("surge.limits")
public record LimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue List<String> unthrottled,
        Rate cartWrites, Rate checkouts, Rate paymentConfirms, Rate streamOpens, Attempts paymentAttempts,
        @DefaultValue Streams streams) {

    public LimitProperties {
        Objects.requireNonNull(cartWrites, "surge.limits.cart-writes");
        Objects.requireNonNull(checkouts, "surge.limits.checkouts");
        Objects.requireNonNull(paymentConfirms, "surge.limits.payment-confirms");
        Objects.requireNonNull(streamOpens, "surge.limits.stream-opens");
        Objects.requireNonNull(paymentAttempts, "surge.limits.payment-attempts");
    }

    /**
     * Event streams open at once on one instance (each holds a connection and a
     * subscription for as long as the client stays).
     *
     * @param perClient per caller (subject or address); unthrottled clients are not
     * counted
     * @param total on the instance, whoever opens them
     * @param retryAfter what a refused client is told to wait (a stream closes when its
     * client leaves, at the latest after an hour)
     * @param resyncSpread after the database's notifications were interrupted every open
     * order stream reads its order again: each waits a random time up to this first, so
     * thousands of streams do not read at once; a client told to reconnect is likewise
     * told to wait a random time up to this
     */
    public record Streams(@DefaultValue("10") int perClient, @DefaultValue("10000") int total,
            @DefaultValue("10s") Duration retryAfter, @DefaultValue("5s") Duration resyncSpread) {

        public Streams {
            if (perClient < 1 || total < perClient || retryAfter.isNegative() || resyncSpread.isNegative()) {
                throw new IllegalArgumentException("surge.limits.streams needs 1 <= per-client <= total");
            }
        }

    }

    /** {@code requests} per {@code per} on average, up to {@code burst} at once. */
    public record Rate(int requests, Duration per, int burst) {

        public Rate {
            if (requests < 1 || burst < 1 || per == null || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a rate limit needs requests >= 1, burst >= 1 and a positive per");
            }
        }

    }

    /**
     * At most {@code cap} payment confirmations per order in {@code window}; an order
     * that reaches the cap again after waiting is cancelled.
     */
    public record Attempts(int cap, Duration window) {

        public Attempts {
            if (cap < 1 || window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException(
                        "surge.limits.payment-attempts needs cap >= 1 and a positive window");
            }
        }

    }

}
