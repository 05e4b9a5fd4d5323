package dev.surge.checkout.port;

import java.time.Duration;
import java.util.Objects;

/**
 * A limit on how often something may happen, kept in a store shared by every Surge
 * instance under {@code key}.
 */
public sealed interface Quota {

    /** Who and what the quota counts, e.g. {@code checkouts:ip:203.0.113.7}. */
    String key();

    /**
     * A steady rate with bursts (GCRA, a token bucket without the refill timer): one
     * request per {@code interval} on average, up to {@code burst} at once after a quiet
     * spell.
     */
    record Rate(String key, Duration interval, int burst) implements Quota {

        public Rate {
            Objects.requireNonNull(key, "key");
            if (interval.isNegative() || interval.isZero() || burst < 1) {
                throw new IllegalArgumentException("a rate needs a positive interval and burst");
            }
        }

        /** {@code requests} per {@code period}, up to {@code burst} at once. */
        public static Rate of(String key, int requests, Duration period, int burst) {
            if (requests < 1) {
                throw new IllegalArgumentException("a rate needs at least one request per period");
            }
            return new Rate(key, period.dividedBy(requests), burst);
        }

    }

    /**
     * At most {@code cap} attempts per {@code window} (a fixed window opened by its first
     * attempt). The store also counts the windows in which the cap was reached, so a
     * caller can tell a first refusal from one that came back after waiting it out.
     */
    record Attempts(String key, int cap, Duration window) implements Quota {

        public Attempts {
            Objects.requireNonNull(key, "key");
            if (cap < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("attempts need a positive cap and window");
            }
        }

    }

}
