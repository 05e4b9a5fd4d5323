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
 */
@ConfigurationProperties("surge.limits")
public record LimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue List<String> unthrottled,
        Rate cartWrites, Rate checkouts, Rate paymentConfirms, Rate streamOpens, Attempts paymentAttempts) {

    public LimitProperties {
        Objects.requireNonNull(cartWrites, "surge.limits.cart-writes");
        Objects.requireNonNull(checkouts, "surge.limits.checkouts");
        Objects.requireNonNull(paymentConfirms, "surge.limits.payment-confirms");
        Objects.requireNonNull(streamOpens, "surge.limits.stream-opens");
        Objects.requireNonNull(paymentAttempts, "surge.limits.payment-attempts");
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
