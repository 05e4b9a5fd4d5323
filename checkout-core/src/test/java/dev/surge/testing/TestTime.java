package dev.surge.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the tests' clocks start: the real time, shifted by {@code surge.test.clock-shift}
 * (an ISO-8601 duration such as {@code P400D} or {@code -P400D}; none unless set). No
 * test may depend on the date it runs on, so CI runs the tests whose clocks meet a real
 * server's expiry a second and a third time, shifted a year and more each way.
 */
public final class TestTime {

    /** The system property that shifts every test clock. */
    public static final String SHIFT_PROPERTY = "surge.test.clock-shift";

    private static final Duration SHIFT = parseShift(System.getProperty(SHIFT_PROPERTY, ""));

    private TestTime() {
    }

    /** How far the test clocks run from the real time. */
    public static Duration shift() {
        return SHIFT;
    }

    /** The real time, shifted, to the millisecond (what Redis and PostgreSQL keep). */
    public static Instant now() {
        return Instant.ofEpochMilli(Instant.now().plus(SHIFT).toEpochMilli());
    }

    /** A clock that starts at {@link #now()} and stands still until the test moves it. */
    public static MutableClock standingClock() {
        return new MutableClock(now());
    }

    static Duration parseShift(String shift) {
        if (shift.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(shift.strip());
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    SHIFT_PROPERTY + " must be an ISO-8601 duration such as P400D or -P400D: " + shift, e);
        }
    }

    /** A clock that stands still until the test moves it. */
    public static final class MutableClock extends Clock {

        private final AtomicReference<Instant> now;

        public MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        public void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

    }

}
