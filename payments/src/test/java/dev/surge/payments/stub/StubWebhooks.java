package dev.surge.payments.stub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the stub's events, signed as Stripe signs them, to the configured endpoint, as
 * Stripe does: each on its own, concurrently (so in no guaranteed order; at most
 * {@link #CONCURRENT_DELIVERIES} at a time), retrying a failed delivery a few times.
 * Controllable for tests: drop events, send each twice, or hold them and release them one
 * by one in reverse order.
 */
public final class StubWebhooks implements AutoCloseable {

    private static final int ATTEMPTS = 5;

    /** Deliveries in flight at most; the others wait their turn. */
    static final int CONCURRENT_DELIVERIES = 64;

    private final String secret;

    private final Clock clock;

    private final HttpClient http;

    private final ExecutorService sender = Executors
        .newThreadPerTaskExecutor(Thread.ofVirtual().name("stripe-stub-webhooks-", 0).factory());

    private final Semaphore deliverySlots = new Semaphore(CONCURRENT_DELIVERIES);

    /** Events accepted for delivery and not yet done with (delivered or given up). */
    private final AtomicInteger pending = new AtomicInteger();

    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());

    private final List<String> held = new ArrayList<>();

    private volatile URI endpoint;

    private volatile boolean dropping;

    private volatile boolean duplicating;

    private volatile boolean holding;

    /**
     * Event types this endpoint is subscribed to; empty means all, as Stripe's {@code *}.
     */
    private volatile Set<String> enabledEvents = Set.of();

    StubWebhooks(String secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    }

    /**
     * Subscribes the endpoint to these event types only, as a Stripe webhook endpoint's
     * {@code enabled_events}; others are never sent.
     */
    public StubWebhooks enabledEvents(Set<String> types) {
        this.enabledEvents = Set.copyOf(types);
        return this;
    }

    /** Where events go; until set, events are recorded but not sent. */
    public StubWebhooks deliverTo(URI endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    /** Drops every event from now on (they stay visible in the ledger). */
    public StubWebhooks drop(boolean drop) {
        this.dropping = drop;
        return this;
    }

    /** Sends every event twice from now on. */
    public StubWebhooks duplicate(boolean duplicate) {
        this.duplicating = duplicate;
        return this;
    }

    /**
     * Holds events from now on instead of sending them, until
     * {@link #releaseHeldReversed()}.
     */
    public StubWebhooks hold() {
        this.holding = true;
        return this;
    }

    /** Sends the held events newest first, then goes back to sending as events happen. */
    public StubWebhooks releaseHeldReversed() {
        List<String> release;
        synchronized (held) {
            holding = false;
            release = new ArrayList<>(held);
            held.clear();
        }
        Collections.reverse(release);
        pending.addAndGet(release.size());
        sender.execute(() -> release.forEach(event -> {
            try {
                send(event);
            }
            finally {
                pending.decrementAndGet();
            }
        }));
        return this;
    }

    /** The signing secret of the endpoint ({@code whsec_...}). */
    public String secret() {
        return secret;
    }

    /** Every delivery attempt so far, in order. */
    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /** Waits until every event sent so far was delivered or given up (for tests). */
    public void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("webhook sender still busy after " + timeout);
            }
            sleep(Duration.ofMillis(10));
        }
    }

    /** Signs {@code payload} now, as the stub does for its own events. */
    public String sign(String payload) {
        return StripeSignatures.header(secret, payload, clock.instant().getEpochSecond());
    }

    void publish(String type, String eventJson) {
        Set<String> subscribed = enabledEvents;
        if (dropping || !(subscribed.isEmpty() || subscribed.contains(type))) {
            return;
        }
        synchronized (held) {
            if (holding) {
                held.add(eventJson);
                return;
            }
        }
        enqueue(eventJson);
        if (duplicating) {
            enqueue(eventJson);
        }
    }

    private void enqueue(String eventJson) {
        pending.incrementAndGet();
        sender.execute(() -> {
            try {
                deliverySlots.acquire();
                try {
                    send(eventJson);
                }
                finally {
                    deliverySlots.release();
                }
            }
            catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
            finally {
                pending.decrementAndGet();
            }
        });
    }

    private void send(String eventJson) {
        URI target = endpoint;
        if (target == null) {
            return;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int status = post(target, eventJson);
            deliveries.add(new Delivery(eventJson, status));
            if (status >= 200 && status < 300) {
                return;
            }
            sleep(Duration.ofMillis(100L * attempt));
        }
    }

    private int post(URI target, String eventJson) {
        HttpRequest request = HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Stripe-Signature", sign(eventJson))
            .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            .POST(HttpRequest.BodyPublishers.ofString(eventJson, StandardCharsets.UTF_8))
            .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (java.io.IOException unreachable) {
            return -1;
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        http.close();
    }

    /**
     * One attempt to deliver an event: its JSON and the endpoint's status (-1:
     * unreachable).
     */
    public record Delivery(String eventJson, int status) {
    }

}
