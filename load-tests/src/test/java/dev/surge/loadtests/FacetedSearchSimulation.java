package dev.surge.loadtests;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.forever;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Faceted searches back to back, as shoppers filtering a large catalog would send them:
 * words from the generated catalog's vocabulary (load-tests/search/generate-catalog.sql),
 * alone or with a category, a price range, an attribute and a sort, every one asking for
 * facets counted over the whole result. {@code -Dsearch.users} (1: a query's own latency,
 * no queueing; more measure throughput) searchers without pause for
 * {@code -Dsearch.duration} s (60; smoke 10); fails when a request fails or the p95
 * passes {@code -Dsearch.p95Ms} (50).
 */
public class FacetedSearchSimulation extends Simulation {

    private static final List<String> WORDS = List.of("mug", "knife", "board", "kettle", "jar", "shirt", "hoodie",
            "socks", "jacket", "blanket", "lamp", "candle", "cushion", "clock", "bottle", "backpack", "lantern",
            "hammock", "notebook", "pen", "teapot", "bowl", "scarf", "gloves", "sweater", "vase", "frame", "rug",
            "tent", "compass", "amber", "birch", "cobalt", "fjord", "granite", "indigo", "juniper", "maple", "slate",
            "willow", "cedar", "glacier", "onyx", "velvet", "quartz");

    private static final List<String> CATEGORIES = List.of("kitchen", "apparel", "home", "outdoors", "stationery");

    private static final List<String> COLORS = List.of("black", "blue", "green", "red", "white", "grey", "brown",
            "yellow");

    private static final List<String> MATERIALS = List.of("ceramic", "cotton", "steel", "wood", "paper", "wool",
            "glass", "leather");

    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP");

    private final int users = Settings.integer("search.users", 1, 1);

    private final Duration duration = Settings.seconds("search.duration", 60, 10);

    private final int p95Millis = Settings.integer("search.p95Ms", 50, 1_000);

    private final ScenarioBuilder searchers = scenario("faceted search").forever()
        .on(exec(session -> session.set("query", query()))
            .exec(http("faceted search").get("/api/v1/products?#{query}").check(status().is(200))));

    {
        setUp(searchers.injectClosed(constantConcurrentUsers(users).during(duration)))
            // Every search runs: no ETag revalidation (a 304 is the same work at Surge).
            .protocols(CheckoutFlow.protocol().disableCaching())
            .maxDuration(duration)
            .assertions(global().allRequests().count().gt(0L), global().failedRequests().percent().lt(0.1),
                    global().responseTime().percentile(95.0).lt(p95Millis));
    }

    /** One shopper's search: the query string, facets always asked. */
    static String query() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String currency = "currency=" + pick(CURRENCIES) + "&facets=true&limit=20";
        int kind = random.nextInt(100);
        if (kind < 40) {
            return currency + "&q=" + pick(WORDS);
        }
        if (kind < 55) {
            return currency + "&q=" + pick(WORDS) + "&category=" + pick(CATEGORIES);
        }
        if (kind < 70) {
            long from = 1_000L * random.nextInt(1, 10);
            return currency + "&category=" + pick(CATEGORIES) + "&minPrice=" + from + "&maxPrice=" + (from + 5_000);
        }
        if (kind < 85) {
            return currency + "&attr.color=" + pick(COLORS) + "&sort=price&q=" + pick(WORDS);
        }
        return currency + "&q=" + pick(WORDS) + "+" + pick(WORDS) + "&attr.material=" + pick(MATERIALS)
                + "&sort=newest";
    }

    private static String pick(List<String> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }

}
