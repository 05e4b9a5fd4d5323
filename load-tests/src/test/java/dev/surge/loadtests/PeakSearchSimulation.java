package dev.surge.loadtests;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the highest checkout rate Surge sustains within the SLO (p99 checkout under
 * {@code -Dpeak.p99Ms}, 250; under {@code -Dpeak.maxFailedPercent}, 0.1, of users
 * failing): guest checkouts (as in {@link CheckoutSimulation}) arrive at a warm-up rate,
 * then climb a staircase of rates, {@code -Dpeak.startRate} (10) up by
 * {@code -Dpeak.step} (10) for {@code -Dpeak.levels} (6) levels of
 * {@code -Dpeak.levelSeconds} (30) with {@code -Dpeak.rampSeconds} (5) between. Each
 * user's requests are grouped under the level it arrived in, so Gatling's report shows
 * every level apart. The climb stops early once a level is clearly over the SLO. The
 * outcome is printed and written to {@code target/peak-search.json}
 * ({@code -Dpeak.resultFile}); the run fails when even the first level misses the SLO.
 */
public class PeakSearchSimulation extends Simulation {

    private final int p99Millis = Settings.integer("peak.p99Ms", 250, 250);

    private final double maxFailedPercent = Settings.decimal("peak.maxFailedPercent", 0.1);

    private final RateLevels levels = new RateLevels(Settings.integer("peak.warmUpRate", 5, 2),
            Settings.seconds("peak.warmUpSeconds", 20, 10),
            rates(Settings.integer("peak.startRate", 10, 2), Settings.integer("peak.step", 10, 2),
                    Settings.integer("peak.levels", 6, 2)),
            Settings.seconds("peak.levelSeconds", 30, 10), Settings.seconds("peak.rampSeconds", 5, 2), p99Millis,
            maxFailedPercent);

    private final Duration thinkTime = Duration.ofMillis(Settings.integer("peak.thinkMs", 300, 300));

    private final Baskets baskets = new Baskets();

    private final ScenarioBuilder shoppers = scenario("checkout staircase")
        .exec(session -> session.set("level", levels.now()))
        .exec(stopLoadGeneratorIf("the level running now is clearly over the SLO",
                session -> levels.clearlyOverloaded()))
        .feed(baskets.feeder())
        .exec(group("#{level}").on(flow()))
        .exec(session -> {
            levels.finished(session.getString("level"), session.isFailed());
            return session;
        });

    {
        setUp(shoppers.injectOpen(levels.injection())).protocols(CheckoutFlow.protocol())
            .maxDuration(levels.total().plusSeconds(30))
            .assertions(
                    details(levels.firstLevel(), CheckoutFlow.CHECKOUT).responseTime().percentile(99.0).lt(p99Millis),
                    details(levels.firstLevel(), CheckoutFlow.CHECKOUT).failedRequests()
                        .percent()
                        .lt(maxFailedPercent));
    }

    private ChainBuilder flow() {
        return exec(CheckoutFlow.createCart()).exec(CheckoutFlow.addLines())
            .pause(thinkTime)
            .exec(CheckoutFlow.checkout(false))
            .exitHereIfFailed()
            .exec(session -> {
                levels.checkedOut(session.getString("level"), session.getLong("checkoutMillis"));
                return session;
            })
            .pause(thinkTime)
            .exec(CheckoutFlow.payAndFollow(50, Duration.ofMillis(100)));
    }

    private static List<Integer> rates(int start, int step, int count) {
        List<Integer> rates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rates.add(start + i * step);
        }
        return rates;
    }

    @Override
    public void before() {
        baskets.load(new SurgeClient(Settings.baseUrl()), 20, Settings.integer("peak.restockTo", 100_000, 100_000));
        levels.start();
    }

    @Override
    public void after() {
        RateLevels.Report report = levels.report();
        System.out.println(report.table());
        Path file = Settings.resultFile("peak.resultFile", "peak-search.json");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, report.json());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
