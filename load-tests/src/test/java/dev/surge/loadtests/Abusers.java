package dev.surge.loadtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Abusive clients beside a run, outside Gatling's measurements (plain HTTP on virtual
 * threads), each from addresses of its own, sent as {@code X-Forwarded-For} through the
 * loopback (Surge must trust the loopback as a proxy for them to count as other clients):
 * <ul>
 * <li>a cart bot: one address creating carts of 999 units, 8 requests at a time, at a set
 * rate of carts a second or as fast as they are answered, until the deadline;</li>
 * <li>a card tester: 500 declined payment confirmations of one order, 32 at once, each
 * from an address of its own;</li>
 * <li>a stream hog: 200 order streams opened at once from one address, held until the
 * deadline.</li>
 * </ul>
 * Every answer is counted by abuser and status.
 */
final class Abusers implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    private final String sku;

    private final HttpClient http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();

    private final int cartsPerSecond;

    private volatile long deadlineNanos;

    /** {@code cartsPerSecond}: the cart bot's pace, 0 for as fast as it is answered. */
    Abusers(String baseUrl, String sku, int cartsPerSecond) {
        this.baseUrl = baseUrl;
        this.sku = sku;
        this.cartsPerSecond = cartsPerSecond;
    }

    /** Starts every abuser; they stop by themselves after {@code duration}. */
    void start(Duration duration) {
        deadlineNanos = System.nanoTime() + duration.toNanos();
        threads.submit(this::cartBot);
        threads.submit(this::cardTester);
        threads.submit(this::streamHog);
    }

    /** Answers so far, as {@code abuser status -> count}. */
    Map<String, Long> answers() {
        Map<String, Long> counted = new TreeMap<>();
        answers.forEach((key, count) -> counted.put(key, count.get()));
        return counted;
    }

    private boolean running() {
        return System.nanoTime() < deadlineNanos;
    }

    private void cartBot() {
        Semaphore inFlight = new Semaphore(8);
        long next = System.nanoTime();
        while (running()) {
            if (cartsPerSecond > 0) {
                next += 1_000_000_000L / cartsPerSecond;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            inFlight.acquireUninterruptibly();
            threads.submit(() -> {
                try {
                    Answer cart = send("cart-bot",
                            post("/api/v1/carts", "{\"currency\":\"EUR\",\"country\":\"DE\"}", "203.0.113.7"));
                    if (cart.status() == 201) {
                        send("cart-bot",
                                post("/api/v1/carts/" + cart.body().path("id").asText() + "/lines",
                                        "{\"sku\":\"" + sku + "\",\"quantity\":999}", "203.0.113.7")
                                    .header("X-Cart-Token", cart.body().path("token").asText()));
                    }
                }
                finally {
                    inFlight.release();
                }
            });
        }
    }

    private void cardTester() {
        Answer order = placeOrder("card-tester", "198.51.100.10");
        if (order.status() != 201) {
            return;
        }
        String path = "/api/v1/orders/" + order.body().path("orderId").asText() + "/payment/confirm";
        String orderToken = order.body().path("orderToken").asText();
        Semaphore inFlight = new Semaphore(32);
        for (int i = 0; i < 500 && running(); i++) {
            String from = "10.66." + (i / 250) + "." + (i % 250 + 1);
            inFlight.acquireUninterruptibly();
            Thread.ofVirtual().start(() -> {
                try {
                    send("card-tester", post(path, "{\"paymentMethod\":\"pm_card_chargeDeclined\"}", from)
                        .header("X-Order-Token", orderToken));
                }
                finally {
                    inFlight.release();
                }
            });
        }
    }

    private void streamHog() {
        // The stream of an order the hog placed itself: a guest may follow only its own.
        String address = "203.0.113.9";
        Answer order = placeOrder("stream-hog", address);
        if (order.status() != 201) {
            return;
        }
        long remaining = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadlineNanos - System.nanoTime()));
        HttpRequest stream = HttpRequest
            .newBuilder(URI.create(baseUrl + "/api/v1/orders/" + order.body().path("orderId").asText() + "/events"))
            .header("Accept", "text/event-stream")
            .header("X-Order-Token", order.body().path("orderToken").asText())
            .header("X-Forwarded-For", address)
            .timeout(Duration.ofSeconds(remaining))
            .GET()
            .build();
        for (int i = 0; i < 200; i++) {
            http.sendAsync(stream, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> count("stream-hog",
                        failure != null ? "held-until-deadline" : Integer.toString(response.statusCode())));
        }
    }

    /** A guest order of one unit, placed from {@code address}: the checkout's answer. */
    private Answer placeOrder(String abuser, String address) {
        String setup = abuser + "-setup";
        Answer cart = send(setup, post("/api/v1/carts", "{\"currency\":\"EUR\",\"country\":\"DE\"}", address));
        String cartId = cart.body().path("id").asText();
        String cartToken = cart.body().path("token").asText();
        send(setup, post("/api/v1/carts/" + cartId + "/lines", "{\"sku\":\"" + sku + "\",\"quantity\":1}", address)
            .header("X-Cart-Token", cartToken));
        return send(setup,
                post("/api/v1/checkouts",
                        """
                                {"cartId":"%s","email":"%s-%s@example.com",\
                                "shippingAddress":{"name":"Abuser","city":"Berlin","country":"DE"}}""".formatted(cartId,
                                abuser, UUID.randomUUID()),
                        address)
                    .header("X-Cart-Token", cartToken)
                    .header("Idempotency-Key", abuser + "-" + UUID.randomUUID()));
    }

    private HttpRequest.Builder post(String path, String body, String address) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .header("X-Forwarded-For", address)
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private Answer send(String abuser, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            count(abuser, Integer.toString(response.statusCode()));
            String body = response.body();
            return new Answer(response.statusCode(), body.isEmpty() ? JSON.nullNode() : JSON.readTree(body));
        }
        catch (IOException ex) {
            count(abuser, "io-error");
            return new Answer(0, JSON.nullNode());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Answer(0, JSON.nullNode());
        }
    }

    private void count(String abuser, String outcome) {
        answers.computeIfAbsent(abuser + " " + outcome, key -> new AtomicLong()).incrementAndGet();
    }

    private record Answer(int status, JsonNode body) {
    }

    @Override
    public void close() {
        deadlineNanos = 0;
        threads.shutdownNow();
        http.shutdownNow();
    }

}
