package dev.surge.inventory;

import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Whose clock a hold's deadlines follow. In production, Redis's own: the scripts read
 * Redis's {@code TIME} when they set an expiry and when they check one, so pods whose
 * clocks disagree with each other or with Redis still end every hold after its TTL, and
 * Redis forgets a record after the retention by its own clock (ADR 0003). A given clock
 * takes its place where a test makes time pass without waiting; keys still expire by
 * Redis's clock, relative to when they were written, whatever instant the test gives.
 */
record HoldClock(@Nullable Clock given) {

    /** Redis's clock: what the application runs on. */
    static final HoldClock REDIS = new HoldClock(null);

    static HoldClock of(Clock clock) {
        return new HoldClock(clock);
    }

    /**
     * The instant the scripts take as now: {@code ''} for Redis's own, else the given
     * clock's, in epoch millis.
     */
    String now() {
        return given == null ? "" : Long.toString(given.millis());
    }

}
