package dev.surge.api.sse;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Random waits that spread many clients' or streams' work over time. */
final class Jitter {

    private Jitter() {
    }

    /** A uniformly random duration from zero up to {@code spread}. */
    static Duration upTo(Duration spread) {
        long millis = spread.toMillis();
        return millis <= 0 ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(millis + 1));
    }

}
