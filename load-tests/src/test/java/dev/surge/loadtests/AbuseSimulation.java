package dev.surge.loadtests;

import static dev.surge.loadtests.Results.percentile;
import static dev.surge.loadtests.Results.sorted;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Honest shoppers beside abusers: guest checkouts (the benchmark's journey) arrive at
 * {@code -Dabuse.rate} a second (30) for a warm-up ({@code -Dabuse.warmUpSeconds}, 30)
 * and then {@code -Dabuse.seconds} (60), from the loopback, a trusted and unthrottled
 * client as in every benchmark. With {@code -Dabuse.abusers=true} (the default) the
 * {@link Abusers} run meanwhile, from addresses of their own (Surge must trust the
 * loopback as a proxy: {@code SURGE_HTTP_TRUSTED_PROXIES}).
 *
 * <p>
 * The verdict ({@code target/abuse.json}, {@code -Dabuse.verdictFile}): the honest
 * checkouts' p50/p99 after the warm-up and how many journeys failed, and every abuser's
 * answers by status. Run it with and without abusers, back to back: the honest p99 may
 * degrade by less than 20 % (docs/benchmarks.md), never asserted here.
 */
public class AbuseSimulation extends Simulation {

    private final int rate = Settings.integer("abuse.rate", 30, 5);

    private final Duration warmUp = Settings.seconds("abuse.warmUpSeconds", 30, 5);

    private final Duration measured = Settings.seconds("abuse.seconds", 60, 10);

    private final boolean withAbusers = Boolean.parseBoolean(Settings.text("abuse.abusers", "true"));

    /**
     * The cart bot's carts a second ({@code -Dabuse.botRate}); 0: as fast as answered.
     */
    private final int botRate = Settings.integer("abuse.botRate", 0, 0);

    private final Baskets baskets = new Baskets();

    private final ConcurrentLinkedQueue<Long> checkoutMillis = new ConcurrentLinkedQueue<>();

    private final AtomicLong journeys = new AtomicLong();

    private final AtomicLong failed = new AtomicLong();

    private volatile long measuredFromNanos;

    private Abusers abusers;

    private final ScenarioBuilder shoppers = scenario("honest shoppers")
        .exec(session -> session.set("measured", System.nanoTime() >= measuredFromNanos))
        .feed(baskets.feeder())
        .exec(exec(CheckoutFlow.createCart()).exec(CheckoutFlow.addLines())
            .exec(CheckoutFlow.checkout(false))
            .exitHereIfFailed()
            .exec(session -> {
                if (session.getBoolean("measured")) {
                    checkoutMillis.add(session.getLong("checkoutMillis"));
                }
                return session;
            })
            .exec(CheckoutFlow.payAndFollow(50, Duration.ofMillis(100))))
        .exec(session -> {
            if (session.getBoolean("measured")) {
                journeys.incrementAndGet();
                if (session.isFailed()) {
                    failed.incrementAndGet();
                }
            }
            return session;
        });

    {
        setUp(shoppers.injectOpen(constantUsersPerSec(rate).during(warmUp.plus(measured))))
            .protocols(CheckoutFlow.protocol())
            .maxDuration(warmUp.plus(measured).plusSeconds(60));
    }

    @Override
    public void before() {
        SurgeClient surge = new SurgeClient(Settings.baseUrl());
        baskets.load(surge, 20, Settings.integer("peak.restockTo", 100_000, 100_000));
        measuredFromNanos = System.nanoTime() + warmUp.toNanos();
        if (withAbusers) {
            abusers = new Abusers(Settings.baseUrl(), surge.catalog().getFirst().sku(), botRate);
            // The abusers start with the measured part and stop with it.
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(warmUp);
                    abusers.start(measured);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        System.out.printf("Abuse: %d honest checkouts/s for %d s after %d s of warm-up, abusers %s%n", rate,
                measured.toSeconds(), warmUp.toSeconds(), withAbusers ? "on" : "off");
    }

    @Override
    public void after() {
        Map<String, Long> abuse = abusers == null ? Map.of() : abusers.answers();
        if (abusers != null) {
            abusers.close();
        }
        var millis = sorted(checkoutMillis);
        String verdict = """
                {"rate":%d,"seconds":%d,"abusers":%b,"botRate":%d,"journeys":%d,"failedJourneys":%d,"checkouts":%d,\
                "checkoutP50Ms":%d,"checkoutP95Ms":%d,"checkoutP99Ms":%d,"abuse":{%s}}
                """.formatted(rate, measured.toSeconds(), withAbusers, botRate, journeys.get(), failed.get(),
                millis.size(), percentile(millis, 50), percentile(millis, 95), percentile(millis, 99),
                abuse.entrySet()
                    .stream()
                    .map(entry -> "\"" + entry.getKey() + "\":" + entry.getValue())
                    .collect(Collectors.joining(",")));
        System.out.println("Abuse verdict: " + verdict);
        Results.write(Settings.resultFile("abuse.verdictFile", "abuse.json"), verdict);
    }

}
