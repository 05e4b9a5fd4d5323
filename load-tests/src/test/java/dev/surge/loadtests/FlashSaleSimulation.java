package dev.surge.loadtests;

import static dev.surge.loadtests.Results.percentile;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A flash sale: {@code -Dflash.users} shoppers (2,000) arrive within
 * {@code -Dflash.spread} s (20) for one SKU whose stock is set to {@code -Dflash.stock}
 * units (100) first; each opens a cart, adds one unit and checks out. A 201 and a
 * {@code 409 insufficient-stock} are both expected answers; anything else fails.
 *
 * <p>
 * Then one verifier reads the outcome back through the API: every order placed holds one
 * unit of the SKU, nothing of it is left available, there are exactly {@code stock}
 * orders (zero oversell, zero undersell), and the refusals were fast (p99 under
 * {@code -Dflash.refusedP99Ms}, 250). Each is a named check on the verifier's requests,
 * so a miss fails the run through the assertions and shows in the report. The verdict is
 * also written to {@code target/flash-sale.json} ({@code -Dflash.verdictFile}).
 */
public class FlashSaleSimulation extends Simulation {

    private static final String VERIFY_ORDER = "verify order";

    private static final String VERIFY_SALE = "verify sale";

    private final int users = Settings.integer("flash.users", 2_000, 300);

    private final int stock = Settings.integer("flash.stock", 100, 20);

    private final Duration spread = Settings.seconds("flash.spread", 20, 10);

    private final int checkoutP99Millis = Settings.integer("flash.p99Ms", 250, 250);

    private final int refusedP99Millis = Settings.integer("flash.refusedP99Ms", 250, 250);

    /**
     * Longer than the catalog's availability-max-age, so the verdict reads a live level.
     */
    private final Duration shownLevelsSettle = Duration.ofMillis(Settings.integer("flash.verifyAfterMs", 1500, 1500));

    /**
     * With {@code -Dflash.queue} admissions a second, the SKU gets a waiting room: a
     * shopper answered {@code 429 queued} follows their place every
     * {@code -Dflash.queuePollMs} (1,000) and checks out again once admitted, or stops
     * once told it sold out.
     */
    private final int queueRate = Settings.integer("flash.queue", 0, 0);

    private final Duration queuePoll = Duration.ofMillis(Settings.integer("flash.queuePollMs", 1000, 1000));

    /**
     * With {@code -Dflash.perBuyer} units, the SKU gets a per-buyer limit for the sale
     * (each shopper is a buyer of their own and asks for one unit, so it refuses nobody:
     * the run measures what checking it costs).
     */
    private final int perBuyer = Settings.integer("flash.perBuyer", 0, 0);

    private final SurgeClient surge = new SurgeClient(Settings.baseUrl());

    /** Queued shoppers: when they first came, the admission they were given. */
    private final Queue<long[]> arrivals = new ConcurrentLinkedQueue<>();

    /** Every checkout answer, as the racers get them. */
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

    private volatile SurgeClient.Variant hot;

    private volatile int availableAfter = -1;

    /**
     * {@code arrivedAt}: when the shopper first checked out; {@code decidedAt}: when they
     * learnt they bought or that it sold out.
     */
    private record Answer(int status, long millis, String orderId, String orderToken, long arrivedAt, long decidedAt) {
    }

    private final ScenarioBuilder racers = scenario("flash sale").exec(CheckoutFlow.createCart())
        .exitHereIfFailed()
        .exec(CheckoutFlow.addLine(session -> new Baskets.Line(hot.sku(), 1).json()))
        .exitHereIfFailed()
        .exec(session -> session.set("arrivedAt", System.currentTimeMillis()))
        .doIfOrElse(session -> queueRate > 0)
        .then(queuedCheckout())
        .orElse(CheckoutFlow.checkout(true))
        .exec(session -> {
            if (session.contains("checkoutStatus") && session.getInt("checkoutStatus") != 429) {
                answers.add(new Answer(session.getInt("checkoutStatus"), session.getLong("checkoutMillis"),
                        session.getString("orderId"), session.getString("orderToken"), session.getLong("arrivedAt"),
                        System.currentTimeMillis()));
            }
            return session;
        });

    /**
     * Checks out; when queued, follows the place until admitted (then checks out again)
     * or told it sold out (then counts as refused at that moment).
     */
    private ChainBuilder queuedCheckout() {
        return exec(CheckoutFlow.queuedCheckout()).exec(session -> {
            if (session.contains("checkoutStatus") && session.getInt("checkoutStatus") == 429) {
                arrivals.add(new long[] { session.getLong("arrivedAt"),
                        Instant.parse(session.getString("admittedAt")).toEpochMilli() });
            }
            return session;
        })
            .asLongAs(session -> session.contains("checkoutStatus") && session.getInt("checkoutStatus") == 429
                    && !session.isFailed())
            .on(pause(queuePoll)
                .exec(http("queue place").get("/api/v1/queue/#{queueToken}")
                    .check(status().is(200), jsonPath("$.admitted").ofBoolean().saveAs("admitted"),
                            jsonPath("$.soldOut").ofBoolean().saveAs("soldOut")))
                .doIfOrElse(session -> session.contains("soldOut") && session.getBoolean("soldOut"))
                .then(exec(session -> session.set("checkoutStatus", 409).set("checkoutMillis", 0L)))
                .orElse(doIf(session -> session.contains("admitted") && session.getBoolean("admitted"))
                    .then(CheckoutFlow.queuedCheckout())));
    }

    private final ScenarioBuilder verifier = scenario("flash sale verdict").foreach(session -> soldOrders(), "order")
        .on(exec(http(VERIFY_ORDER).get("/api/v1/orders/#{order.orderId}")
            .header("X-Order-Token", "#{order.orderToken}")
            .check(status().is(200),
                    jsonPath(session -> hotSkuPath("$.lines", "quantity")).ofInt()
                        .is(1)
                        .name("the order holds one unit of the SKU"))))
        // The catalog shows stock levels up to
        // surge.catalog.availability-max-age (1 s) old.
        .pause(shownLevelsSettle)
        .exec(http(VERIFY_SALE).get(session -> "/api/v1/products/" + hot.productId() + "?currency=EUR")
            .check(status().is(200),
                    jsonPath(session -> hotSkuPath("$.variants", "available")).ofInt().saveAs("availableAfter"),
                    jsonPath(session -> hotSkuPath("$.variants", "available")).ofInt()
                        .is(0)
                        .name("nothing left available"),
                    bodyString().transform(body -> soldOrders().size()).is(stock).name("orders == stock"),
                    bodyString().transform(body -> users <= stock || !refusedMillis().isEmpty())
                        .is(true)
                        .name("late users got 409 insufficient-stock"),
                    bodyString().transform(body -> percentile(refusedMillis(), 99))
                        .lt((long) refusedP99Millis)
                        .name("the 409s were fast (p99)")))
        .exec(session -> {
            availableAfter = session.contains("availableAfter") ? session.getInt("availableAfter") : -1;
            return session;
        });

    {
        setUp(racers.injectOpen(rampUsers(users).during(spread)).andThen(verifier.injectOpen(atOnceUsers(1))))
            .protocols(CheckoutFlow.protocol())
            .maxDuration(spread.plusMinutes(3))
            .assertions(details(VERIFY_SALE).allRequests().count().is(1L),
                    details(VERIFY_SALE).failedRequests().count().is(0L),
                    details(VERIFY_ORDER).failedRequests().count().is(0L), global().failedRequests().percent().lt(0.1),
                    details(CheckoutFlow.CHECKOUT).responseTime().percentile(99.0).lt(checkoutP99Millis));
    }

    /**
     * The hot SKU ({@code -Dflash.sku}, else the catalog's first), its stock set so that
     * exactly {@code stock} units are on offer.
     */
    @Override
    public void before() {
        String wanted = System.getProperty("flash.sku");
        SurgeClient.Variant candidate = surge.catalog()
            .stream()
            .filter(variant -> wanted == null || variant.sku().equals(wanted))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no SKU " + wanted + " in the catalog"));
        // Units still held by earlier runs' unpaid orders count against on-hand;
        // add them back on top. Availability is never shown below 0, so a 0 says
        // only "at least this many held": raise on-hand until some units show,
        // then the held count is exact.
        int onHand = stock;
        int available = surge.setOnHand(candidate.vendorId(), candidate.sku(), onHand);
        for (int attempt = 0; available < stock && attempt < 20; attempt++) {
            onHand += available > 0 ? stock - available : onHand;
            available = surge.setOnHand(candidate.vendorId(), candidate.sku(), onHand);
        }
        if (available > stock) {
            available = surge.setOnHand(candidate.vendorId(), candidate.sku(), onHand - (available - stock));
        }
        if (available != stock) {
            throw new IllegalStateException(candidate.sku() + " offers " + available + " units, wanted " + stock);
        }
        hot = candidate;
        surge.waitingRoom(hot.sku(), queueRate);
        surge.purchaseLimit(hot.sku(), perBuyer);
        System.out.printf("Flash sale: %d users for %d units of %s%s%s%n", users, stock, hot.sku(),
                queueRate > 0 ? ", waiting room admitting " + queueRate + "/s" : "",
                perBuyer > 0 ? ", " + perBuyer + " per buyer" : "");
    }

    /** Writes the verdict down for the benchmark summary; the assertions gate the run. */
    @Override
    public void after() {
        if (queueRate > 0) {
            surge.waitingRoom(hot.sku(), 0);
        }
        if (perBuyer > 0) {
            surge.purchaseLimit(hot.sku(), 0);
        }
        int orders = soldOrders().size();
        List<Long> refused = refusedMillis();
        boolean passed = orders == stock && availableAfter == 0 && percentile(refused, 99) < refusedP99Millis
                && (users <= stock || !refused.isEmpty());
        String verdict = """
                {"sku":"%s","users":%d,"stock":%d,"answered":%d,"orders":%d,"refused":%d,"availableAfter":%d,\
                "oversold":%d,"refusedP50Ms":%d,"refusedP99Ms":%d,"queue":%d,"queued":%d,\
                "admissionsOutOfArrivalOrder":%d,"arrivalOrderSlackMaxMs":%d,"soldOutNoticeMaxMs":%d,"passed":%b}
                """.formatted(hot.sku(), users, stock, answers.size(), orders, refused.size(), availableAfter,
                Math.max(0, orders - stock), percentile(refused, 50), percentile(refused, 99), queueRate,
                arrivals.size(), outOfOrder(), arrivalOrderSlackMillis(), soldOutNoticeMaxMillis(), passed);
        System.out.println("Flash sale verdict: " + verdict);
        Results.write(Settings.resultFile("flash.verdictFile", "flash-sale.json"), verdict);
    }

    /**
     * Queued shoppers admitted before one who came earlier: arrival order is the client's
     * (when each shopper sent their first checkout), so requests in flight together may
     * swap; a waiting room that served out of order would show many.
     */
    private long outOfOrder() {
        List<long[]> byArrival = arrivals.stream().sorted(java.util.Comparator.comparingLong(a -> a[0])).toList();
        long latest = Long.MIN_VALUE;
        long swapped = 0;
        for (long[] arrival : byArrival) {
            if (arrival[1] < latest) {
                swapped++;
            }
            latest = Math.max(latest, arrival[1]);
        }
        return swapped;
    }

    /**
     * The most a queued shopper admitted before another came after them, ms: requests in
     * flight together reach Redis in any order, so a waiting room that serves first come
     * first served shows no more than the requests' own latency here.
     */
    private long arrivalOrderSlackMillis() {
        List<long[]> byArrival = arrivals.stream().sorted(java.util.Comparator.comparingLong(a -> a[0])).toList();
        long slack = 0;
        for (int i = 0; i < byArrival.size(); i++) {
            for (int j = i + 1; j < byArrival.size(); j++) {
                if (byArrival.get(j)[1] < byArrival.get(i)[1]) {
                    slack = Math.max(slack, byArrival.get(j)[0] - byArrival.get(i)[0]);
                }
            }
        }
        return slack;
    }

    /**
     * How long the slowest refused shopper took to learn of the sell-out, counted from
     * the sell-out for those waiting then, from their own checkout for those who came
     * later (0 when nobody was refused after the sell-out).
     */
    private long soldOutNoticeMaxMillis() {
        long soldOutAt = answers.stream()
            .filter(answer -> answer.status() == 201)
            .mapToLong(Answer::decidedAt)
            .max()
            .orElse(0);
        return answers.stream()
            .filter(answer -> answer.status() == 409 && answer.decidedAt() > soldOutAt)
            .mapToLong(answer -> answer.decidedAt() - Math.max(soldOutAt, answer.arrivedAt()))
            .max()
            .orElse(0);
    }

    private String hotSkuPath(String array, String field) {
        return array + "[?(@.sku == '" + hot.sku() + "')]." + field;
    }

    private List<Map<String, Object>> soldOrders() {
        return answers.stream()
            .filter(answer -> answer.status() == 201)
            .map(answer -> Map.<String, Object>of("orderId", answer.orderId(), "orderToken", answer.orderToken()))
            .toList();
    }

    private List<Long> refusedMillis() {
        return answers.stream().filter(answer -> answer.status() == 409).map(Answer::millis).sorted().toList();
    }

}
