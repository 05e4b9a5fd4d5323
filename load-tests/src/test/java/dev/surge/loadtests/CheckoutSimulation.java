package dev.surge.loadtests;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Guest shoppers arriving at a steady rate (open model): cart, 1-4 lines from several
 * vendors, checkout with a fresh Idempotency-Key, payment with the test card, order read
 * until PAID. Fails when more than 0.1 % of requests fail or the checkout's p99 passes
 * 250 ms.
 *
 * <p>
 * {@code -Dsmoke=true} is the CI run: 10 s of warm-up, then 2 users/s for 30 s. Otherwise
 * {@code -Dcheckout.warmUpSeconds} (15) of warm-up, then {@code -Dcheckout.rate} users/s
 * (10) for {@code -Dcheckout.duration} s (120) after a {@code -Dcheckout.ramp} s (20)
 * ramp; {@code -Dcheckout.p99Ms} and {@code -Dcheckout.maxFailedPercent} move the gate;
 * {@code -Dcheckout.restockTo=0} leaves the stock as found.
 */
public class CheckoutSimulation extends Simulation {

    private final double rate = Settings.integer("checkout.rate", 10, 2);

    private final Duration ramp = Settings.seconds("checkout.ramp", 20, 5);

    private final Duration duration = Settings.seconds("checkout.duration", 120, 30);

    private final int p99Millis = Settings.integer("checkout.p99Ms", 250, 250);

    private final double maxFailedPercent = Settings.decimal("checkout.maxFailedPercent", 0.1);

    private final Duration thinkTime = Duration.ofMillis(Settings.integer("checkout.thinkMs", 300, 300));

    private final Baskets baskets = new Baskets();

    private final Duration warmUp = Settings.seconds("checkout.warmUpSeconds", 15, 10);

    {
        // A fresh JVM answers its first requests slowly (class loading, JIT): warm-up
        // requests are grouped apart, so the gate judges the steady run only.
        ScenarioBuilder warmUpShoppers = scenario("warm-up").exec(group("warm-up").on(shopping()));
        ScenarioBuilder shoppers = scenario("guest checkout").exec(shopping());
        setUp(warmUpShoppers.injectOpen(constantUsersPerSec(Math.min(rate, 5)).during(warmUp))
            .andThen(shoppers.injectOpen(rampUsersPerSec(1).to(rate).during(ramp),
                    constantUsersPerSec(rate).during(duration))))
            .protocols(CheckoutFlow.protocol())
            // Users still in the flow when arrivals stop get a minute to finish, no more.
            .maxDuration(warmUp.plus(ramp).plus(duration).plusMinutes(1))
            .assertions(global().allRequests().count().gt(0L), global().failedRequests().percent().lt(maxFailedPercent),
                    details(CheckoutFlow.CHECKOUT).responseTime().percentile(99.0).lt(p99Millis));
    }

    private ChainBuilder shopping() {
        return feed(baskets.feeder()).exec(CheckoutFlow.createCart())
            .exec(CheckoutFlow.addLines())
            .pause(thinkTime)
            .exec(CheckoutFlow.checkout(false))
            .exitHereIfFailed()
            .pause(thinkTime)
            .exec(CheckoutFlow.payAndFollow(50, Duration.ofMillis(100)));
    }

    @Override
    public void before() {
        baskets.load(new SurgeClient(Settings.baseUrl()), 20, Settings.integer("checkout.restockTo", 100_000, 100_000));
    }

}
