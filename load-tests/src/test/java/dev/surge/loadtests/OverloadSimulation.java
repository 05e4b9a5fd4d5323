package dev.surge.loadtests;

import static dev.surge.loadtests.Results.sorted;
import static dev.surge.loadtests.Results.percentile;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Overload: guest checkouts arrive at {@code -Doverload.normalRate} a second (30) for a
 * warm-up ({@code -Doverload.warmUpSeconds}, 30) and a baseline (20 s), then at
 * {@code -Doverload.rate} a second (150) for {@code -Doverload.seconds} (60), then at the
 * normal rate again for 30 s. A shopper's journey is the benchmark's (cart, lines,
 * checkout, payment); {@code 503 overloaded} is an answer Surge may give at any write
 * (shed: the shopper stops there, nothing was started), anything else unexpected is a
 * failure.
 *
 * <p>
 * Measured per phase ({@code before}, {@code overload}, {@code after 0-10 s},
 * {@code after 10-30 s}), by the shopper's arrival: journeys started, paid, shed and
 * failed; the latency of the requests Surge served (503s apart) and of its 503s. After
 * the load, Surge must still answer healthy (the process alive, no out-of-memory). Beside
 * the latency the shoppers saw, Surge's own ({@link ServerLatency}: arrival to answer in
 * the server, by time window rather than by arrival), since the load generator shares the
 * machine and its own waits for CPU show in what it measures. The verdict goes to
 * {@code target/overload.json} ({@code -Doverload.verdictFile}); the run fails only on
 * failures that are not shedding: the figures are for docs/benchmarks.md.
 */
public class OverloadSimulation extends Simulation {

    private static final List<String> PHASES = List.of("warm-up", "before", "overload", "after 0-10 s",
            "after 10-30 s");

    private final int normalRate = Settings.integer("overload.normalRate", 30, 5);

    private final int overloadRate = Settings.integer("overload.rate", 150, 20);

    private final Duration warmUp = Settings.seconds("overload.warmUpSeconds", 30, 5);

    private final Duration before = Duration.ofSeconds(20);

    private final Duration overload = Settings.seconds("overload.seconds", 60, 10);

    private final Duration after = Duration.ofSeconds(30);

    private final Baskets baskets = new Baskets();

    private final Map<String, Phase> phases = new LinkedHashMap<>();

    private volatile long startedNanos;

    /**
     * Surge's metrics read at each phase's start (warm-up apart) and at the end, by phase
     * name; absent where a reading failed.
     */
    private final Map<String, String> readings = new ConcurrentHashMap<>();

    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "overload-metrics");
        thread.setDaemon(true);
        return thread;
    });

    /** What one phase's shoppers met. */
    private static final class Phase {

        final AtomicLong started = new AtomicLong();

        final AtomicLong paid = new AtomicLong();

        final AtomicLong shed = new AtomicLong();

        final AtomicLong failed = new AtomicLong();

        /** Served (not 503) latencies per request name, ms. */
        final Map<String, ConcurrentLinkedQueue<Long>> served = new ConcurrentHashMap<>();

        final ConcurrentLinkedQueue<Long> shedMillis = new ConcurrentLinkedQueue<>();

    }

    private final ScenarioBuilder shoppers = scenario("overload").exec(session -> {
        String phase = phaseNow();
        phases.get(phase).started.incrementAndGet();
        return session.set("phase", phase);
    })
        .feed(baskets.feeder())
        // A shed or failed step leaves the journey, not the scenario: it is counted
        // below.
        .exitBlockOnFail()
        .on(journey())
        .exec(session -> {
            Phase phase = phases.get(session.getString("phase"));
            if (session.contains("shed")) {
                phase.shed.incrementAndGet();
            }
            else if (session.isFailed()) {
                phase.failed.incrementAndGet();
            }
            else {
                phase.paid.incrementAndGet();
            }
            return session;
        });

    {
        PHASES.forEach(name -> phases.put(name, new Phase()));
        setUp(shoppers.injectOpen(constantUsersPerSec(normalRate).during(warmUp.plus(before)),
                constantUsersPerSec(overloadRate).during(overload), constantUsersPerSec(normalRate).during(after)))
            .protocols(CheckoutFlow.protocol())
            .maxDuration(warmUp.plus(before).plus(overload).plus(after).plusSeconds(60));
    }

    /** When each phase but the last ends, millis from the start. */
    private long[] phaseEnds() {
        return new long[] { warmUp.toMillis(), warmUp.plus(before).toMillis(),
                warmUp.plus(before).plus(overload).toMillis(), warmUp.plus(before).plus(overload).toMillis() + 10_000 };
    }

    private String phaseNow() {
        long elapsed = (System.nanoTime() - startedNanos) / 1_000_000;
        long[] ends = phaseEnds();
        for (int i = 0; i < ends.length; i++) {
            if (elapsed < ends[i]) {
                return PHASES.get(i);
            }
        }
        return PHASES.getLast();
    }

    /** One request: expected status or 503 (then the journey stops, counted as shed). */
    private ChainBuilder step(String name, HttpRequestActionBuilder request, int expected) {
        return exec(request.check(status().in(expected, 503).saveAs("status"))
            .check(responseTimeInMillis().saveAs("millis"))).exec(session -> {
                Phase phase = phases.get(session.getString("phase"));
                if (!session.contains("status")) {
                    return session;
                }
                long millis = session.getLong("millis");
                if (session.getInt("status") == 503) {
                    phase.shedMillis.add(millis);
                    return session.set("shed", true).markAsFailed();
                }
                phase.served.computeIfAbsent(name, key -> new ConcurrentLinkedQueue<>()).add(millis);
                return session.remove("status");
            });
    }

    private ChainBuilder journey() {
        return step(CheckoutFlow.CREATE_CART, http(CheckoutFlow.CREATE_CART).post("/api/v1/carts")
            .body(StringBody("{\"currency\":\"EUR\",\"country\":\"DE\"}"))
            .check(jsonPath("$.id").optional().saveAs("cartId"), jsonPath("$.token").optional().saveAs("cartToken")),
                201)
            .exec(foreach("#{lines}", "line").on(step("add line",
                    http("add line").post("/api/v1/carts/#{cartId}/lines")
                        .header("X-Cart-Token", "#{cartToken}")
                        .body(StringBody(session -> session.<Baskets.Line>get("line").json())),
                    200)))
            .exec(step(CheckoutFlow.CHECKOUT, http(CheckoutFlow.CHECKOUT).post(CheckoutFlow.CHECKOUT_ROUTE)
                .header("Idempotency-Key", session -> "overload-" + UUID.randomUUID())
                .header("X-Cart-Token", "#{cartToken}")
                .body(StringBody(
                        "{\"cartId\":\"#{cartId}\",\"email\":\"overload-#{cartId}@example.com\",\"shippingAddress\":"
                                + "{\"name\":\"Load Test\",\"city\":\"Berlin\",\"country\":\"DE\"}}"))
                .check(jsonPath("$.orderId").optional().saveAs("orderId"),
                        jsonPath("$.orderToken").optional().saveAs("orderToken")),
                    201))
            .exec(step("confirm payment",
                    http("confirm payment").post("/api/v1/orders/#{orderId}/payment/confirm")
                        .header("X-Order-Token", "#{orderToken}")
                        .body(StringBody("{\"paymentMethod\":\"pm_card_visa\"}")),
                    200));
    }

    @Override
    public void before() {
        baskets.load(new SurgeClient(Settings.baseUrl()), 20, Settings.integer("peak.restockTo", 100_000, 100_000));
        System.out.printf("Overload: %d/s, then %d/s for %d s, then %d/s%n", normalRate, overloadRate,
                overload.toSeconds(), normalRate);
        startedNanos = System.nanoTime();
        long[] starts = phaseEnds();
        for (int i = 0; i < starts.length; i++) {
            String phase = PHASES.get(i + 1);
            reader.schedule(() -> read(phase), starts[i], TimeUnit.MILLISECONDS);
        }
    }

    private void read(String phase) {
        try {
            readings.put(phase, new SurgeClient(Settings.baseUrl()).prometheus());
        }
        catch (RuntimeException ex) {
            System.out.println("Overload: Surge's metrics could not be read at " + phase + ": " + ex.getMessage());
        }
    }

    /**
     * Surge's own latency of {@code uri} ({@code null}: every write it may shed) over the
     * phase starting at {@code phase} and ending at the next reading.
     */
    private ServerLatency serverLatency(String phase, String next, String uri) {
        String start = readings.get(phase);
        String end = readings.get(next);
        if (start == null || end == null) {
            return ServerLatency.NONE;
        }
        return ServerLatency.of(end, "POST", uri).since(ServerLatency.of(start, "POST", uri));
    }

    @Override
    public void after() {
        boolean healthy = new SurgeClient(Settings.baseUrl()).healthy();
        reader.shutdownNow();
        read("end");
        List<String> rows = new ArrayList<>();
        for (var entry : phases.entrySet()) {
            Phase phase = entry.getValue();
            int index = PHASES.indexOf(entry.getKey());
            String next = index + 1 < PHASES.size() ? PHASES.get(index + 1) : "end";
            ServerLatency serverCheckouts = serverLatency(entry.getKey(), next, CheckoutFlow.CHECKOUT_ROUTE);
            ServerLatency serverWrites = serverLatency(entry.getKey(), next, null);
            List<Long> checkouts = sorted(
                    phase.served.getOrDefault(CheckoutFlow.CHECKOUT, new ConcurrentLinkedQueue<>()));
            List<Long> all = sorted(phase.served.values().stream().flatMap(ConcurrentLinkedQueue::stream).toList());
            List<Long> shed = sorted(phase.shedMillis);
            rows.add("""
                    {"phase":"%s","journeys":%d,"paid":%d,"shed":%d,"failed":%d,"servedRequests":%d,\
                    "checkoutP50Ms":%d,"checkoutP99Ms":%d,"servedP99Ms":%d,"shedAnswers":%d,"shedP50Ms":%d,\
                    "shedP99Ms":%d,"serverCheckouts":%d,"serverCheckoutP50Ms":%d,"serverCheckoutP99Ms":%d,\
                    "serverWritesP99Ms":%d}""".formatted(entry.getKey(), phase.started.get(), phase.paid.get(),
                    phase.shed.get(), phase.failed.get(), all.size(), percentile(checkouts, 50),
                    percentile(checkouts, 99), percentile(all, 99), shed.size(), percentile(shed, 50),
                    percentile(shed, 99), serverCheckouts.count(), serverCheckouts.percentileMillis(50),
                    serverCheckouts.percentileMillis(99), serverWrites.percentileMillis(99)));
        }
        String verdict = """
                {"normalRate":%d,"overloadRate":%d,"overloadSeconds":%d,"healthyAfter":%b,"phases":[%s]}
                """.formatted(normalRate, overloadRate, overload.toSeconds(), healthy, String.join(",", rows));
        System.out.println("Overload verdict: " + verdict);
        Results.write(Settings.resultFile("overload.verdictFile", "overload.json"), verdict);
        if (!healthy) {
            throw new IllegalStateException("Surge is not healthy after the overload");
        }
    }

}
