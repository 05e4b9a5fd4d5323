package dev.surge.loadtests;

import static dev.surge.loadtests.Results.percentile;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The staircase of the peak search and what each step measured. Arrivals warm up, then
 * climb from rate to rate: a ramp, then a level held steady. A user belongs to the level
 * (or warm-up, or ramp) during which it arrived; only levels are judged. A level passes
 * when its checkouts' p99 is under the SLO and under the allowed share of its users
 * failed.
 */
final class RateLevels {

    static final String WARM_UP = "warm-up";

    static final String RAMP = "ramp";

    private final double warmUpRate;

    private final Duration warmUp;

    private final List<Integer> rates;

    private final Duration level;

    private final Duration ramp;

    private final int p99Millis;

    private final double maxFailedPercent;

    private final Map<String, Measured> measured = new ConcurrentHashMap<>();

    private volatile long startedAtMillis;

    RateLevels(double warmUpRate, Duration warmUp, List<Integer> rates, Duration level, Duration ramp, int p99Millis,
            double maxFailedPercent) {
        this.warmUpRate = warmUpRate;
        this.warmUp = warmUp;
        this.rates = List.copyOf(rates);
        this.level = level;
        this.ramp = ramp;
        this.p99Millis = p99Millis;
        this.maxFailedPercent = maxFailedPercent;
    }

    static String label(int rate) {
        return rate + " checkouts per s";
    }

    String firstLevel() {
        return label(rates.getFirst());
    }

    /** Gatling's open-model steps for the whole staircase. */
    OpenInjectionStep[] injection() {
        List<OpenInjectionStep> steps = new ArrayList<>();
        steps.add(constantUsersPerSec(warmUpRate).during(warmUp));
        double previous = warmUpRate;
        for (int rate : rates) {
            steps.add(rampUsersPerSec(previous).to(rate).during(ramp));
            steps.add(constantUsersPerSec(rate).during(level));
            previous = rate;
        }
        return steps.toArray(OpenInjectionStep[]::new);
    }

    Duration total() {
        return warmUp.plus(level.plus(ramp).multipliedBy(rates.size()));
    }

    void start() {
        startedAtMillis = System.currentTimeMillis();
    }

    /** Where on the staircase the load generator is now. */
    String now() {
        long elapsed = System.currentTimeMillis() - startedAtMillis - warmUp.toMillis();
        if (elapsed < 0) {
            return WARM_UP;
        }
        long step = level.plus(ramp).toMillis();
        int index = (int) (elapsed / step);
        if (index >= rates.size()) {
            return label(rates.getLast());
        }
        return elapsed % step < ramp.toMillis() ? RAMP : label(rates.get(index));
    }

    void checkedOut(String label, long millis) {
        measured(label).checkoutMillis.add(millis);
    }

    void finished(String label, boolean failed) {
        Measured level = measured(label);
        level.users.incrementAndGet();
        if (failed) {
            level.failedUsers.incrementAndGet();
        }
    }

    /**
     * True when the level running now already misses the SLO beyond doubt, so climbing
     * further only buries the machine: over 5 % of its checkouts slower than the SLO (p99
     * needs under 1 %) or over 5 % of its users failed.
     */
    boolean clearlyOverloaded() {
        String now = now();
        // The warm-up is slow by nature (a cold JVM) and ramps are not judged.
        Measured current = now.equals(WARM_UP) || now.equals(RAMP) ? null : measured.get(now);
        if (current == null || current.users.get() < 50) {
            return false;
        }
        List<Long> millis = current.snapshot();
        long slow = millis.stream().filter(value -> value >= p99Millis).count();
        return slow > 0.05 * millis.size() || current.failedUsers.get() > 0.05 * current.users.get();
    }

    /**
     * One line per level, and the highest rate whose level, and every level below it,
     * passed: within the SLO and served at (at least 95 % of) the rate offered.
     */
    Report report() {
        List<Report.Level> levels = new ArrayList<>();
        int peak = 0;
        boolean allPassedSoFar = true;
        for (int rate : rates) {
            Measured level = measured.getOrDefault(label(rate), new Measured());
            List<Long> millis = level.snapshot();
            Collections.sort(millis);
            int users = level.users.get();
            double failedPercent = users == 0 ? 100 : 100.0 * level.failedUsers.get() / users;
            long p99 = percentile(millis, 99);
            double achieved = millis.size() / (double) this.level.toSeconds();
            // Sustained means served at the rate offered: a level whose checkouts fall 5
            // %
            // short (the machine saturated, users still waiting at its end) did not pass
            // however fast the ones served were.
            boolean passed = users > 0 && !millis.isEmpty() && p99 < p99Millis && failedPercent < maxFailedPercent
                    && achieved >= 0.95 * rate;
            allPassedSoFar &= passed;
            if (allPassedSoFar) {
                peak = rate;
            }
            levels.add(new Report.Level(rate, users, level.failedUsers.get(), millis.size(),
                    millis.size() / (double) this.level.toSeconds(), percentile(millis, 50), percentile(millis, 95),
                    p99, passed));
        }
        return new Report(p99Millis, maxFailedPercent, peak, levels);
    }

    private Measured measured(String label) {
        return measured.computeIfAbsent(label, key -> new Measured());
    }

    private static final class Measured {

        private final List<Long> checkoutMillis = Collections.synchronizedList(new ArrayList<>());

        private final AtomicInteger users = new AtomicInteger();

        private final AtomicInteger failedUsers = new AtomicInteger();

        List<Long> snapshot() {
            synchronized (checkoutMillis) {
                return new ArrayList<>(checkoutMillis);
            }
        }

    }

    /** The search's outcome, as printed and written to JSON for the benchmark summary. */
    record Report(int p99Millis, double maxFailedPercent, int peakRate, List<Level> levels) {

        record Level(int rate, int users, int failedUsers, int checkouts, double checkoutsPerSecond, long p50Millis,
                long p95Millis, long p99Millis, boolean passed) {
        }

        String json() {
            String levelsJson = levels.stream()
                .map(level -> """
                        {"targetRate":%d,"users":%d,"failedUsers":%d,"checkouts":%d,"checkoutsPerSecond":%.2f,\
                        "checkoutP50Ms":%d,"checkoutP95Ms":%d,"checkoutP99Ms":%d,"passed":%b}""".formatted(level.rate(),
                        level.users(), level.failedUsers(), level.checkouts(), level.checkoutsPerSecond(),
                        level.p50Millis(), level.p95Millis(), level.p99Millis(), level.passed()))
                .collect(Collectors.joining(",\n    "));
            return """
                    {"sloCheckoutP99Ms":%d,"sloMaxFailedPercent":%s,"peakCheckoutsPerSecond":%d,
                      "levels":[
                        %s
                      ]}
                    """.formatted(p99Millis, maxFailedPercent, peakRate, levelsJson);
        }

        String table() {
            StringBuilder table = new StringBuilder(
                    "target/s  users  failed  checkouts  achieved/s  p50 ms  p95 ms  p99 ms  verdict\n");
            for (Level level : levels) {
                table.append("%8d  %5d  %6d  %9d  %10.1f  %6d  %6d  %6d  %s%n".formatted(level.rate(), level.users(),
                        level.failedUsers(), level.checkouts(), level.checkoutsPerSecond(), level.p50Millis(),
                        level.p95Millis(), level.p99Millis(), level.passed() ? "PASS" : "FAIL"));
            }
            return table.append("Peak sustained checkout rate meeting the SLO: ")
                .append(peakRate)
                .append("/s")
                .toString();
        }

    }

}
