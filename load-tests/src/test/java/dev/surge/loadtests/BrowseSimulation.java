package dev.surge.loadtests;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shoppers browsing: the first catalog page, then a few page views mixing the next page,
 * a search for a word seen on the page and a product's detail, with 1-4 s of reading in
 * between, in one of the catalog's currencies. Everything a user opens comes from what
 * the catalog answered, so the mix follows the live catalog.
 *
 * <p>
 * {@code -Dbrowse.rate} users/s (20; smoke 2) arrive for {@code -Dbrowse.duration} s (60;
 * smoke 20); fails when over 0.1 % of requests fail or the p99 over all catalog requests
 * passes {@code -Dbrowse.p99Ms} (250).
 */
public class BrowseSimulation extends Simulation {

    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP");

    private final double rate = Settings.integer("browse.rate", 20, 2);

    private final Duration duration = Settings.seconds("browse.duration", 60, 20);

    private final int p99Millis = Settings.integer("browse.p99Ms", 250, 250);

    private final Duration minThink = Duration.ofMillis(Settings.integer("browse.minThinkMs", 1_000, 1_000));

    private final Duration maxThink = Duration.ofMillis(Settings.integer("browse.maxThinkMs", 4_000, 4_000));

    private final ScenarioBuilder shoppers = scenario("browse")
        .exec(session -> session.set("currency",
                CURRENCIES.get(ThreadLocalRandom.current().nextInt(CURRENCIES.size()))))
        .exec(firstPage())
        .repeat(session -> 2 + ThreadLocalRandom.current().nextInt(4))
        .on(exec(read()).exec(randomSwitch().on(new Choice.WithWeight(30, nextPage()),
                new Choice.WithWeight(30, search()), new Choice.WithWeight(40, productDetail()))));

    {
        setUp(shoppers.injectOpen(rampUsersPerSec(1).to(rate).during(Duration.ofSeconds(10)),
                constantUsersPerSec(rate).during(duration)))
            .protocols(CheckoutFlow.protocol())
            .maxDuration(duration.plusSeconds(70))
            .assertions(global().allRequests().count().gt(0L), global().failedRequests().percent().lt(0.1),
                    global().responseTime().percentile(99.0).lt(p99Millis));
    }

    /** A shopper reading what is on screen. */
    private ChainBuilder read() {
        return pause(minThink, maxThink);
    }

    private static ChainBuilder firstPage() {
        return listPage(http("catalog page").get("/api/v1/products"));
    }

    /** The page after the last one seen; the first again after the last page. */
    private static ChainBuilder nextPage() {
        return doIfOrElse(session -> !session.getString("nextCursor").isEmpty())
            .then(listPage(http("catalog next page").get("/api/v1/products").queryParam("cursor", "#{nextCursor}")))
            .orElse(firstPage());
    }

    /**
     * A catalog page; keeps a product to open, a word to search for and the next cursor.
     */
    private static ChainBuilder listPage(HttpRequestActionBuilder page) {
        return exec(page.queryParam("limit", "20")
            .queryParam("currency", "#{currency}")
            .check(status().is(200), jsonPath("$.items[*].id").findRandom().saveAs("productId"),
                    jsonPath("$.items[*].name").findRandom().saveAs("productName"),
                    jsonPath("$.nextCursor").ofString().withDefault("").saveAs("nextCursor")))
            .exec(session -> session.set("searchTerm", lastWord(session.getString("productName"))));
    }

    private static ChainBuilder search() {
        return exec(http("catalog search").get("/api/v1/products")
            .queryParam("q", "#{searchTerm}")
            .queryParam("limit", "20")
            .queryParam("currency", "#{currency}")
            .check(status().is(200), jsonPath("$.items[0].id").exists()));
    }

    private static ChainBuilder productDetail() {
        return exec(http("product detail").get("/api/v1/products/#{productId}?currency=#{currency}")
            .check(status().is(200), jsonPath("$.variants[0].sku").exists()));
    }

    private static String lastWord(String name) {
        String[] words = name.trim().split("\\s+");
        return words[words.length - 1].toLowerCase(Locale.ROOT);
    }

}
