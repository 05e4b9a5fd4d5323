package dev.surge.payments.stub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.convert.DurationStyle;

/**
 * The Stripe stand-in in a JVM of its own, so that a benchmark counts its CPU apart from
 * Surge's (in the embedded default it shares Surge's JVM). The parent starts it with the
 * webhook endpoint, the event types to send and the latency to add to every answer, and
 * reads its API base and webhook secret from a file the child writes once it listens.
 * Killing the parent's handle kills the child.
 */
public final class StripeStubProcess implements AutoCloseable {

    /**
     * Added to every answer when set (e.g. {@code 250ms}): Stripe's latency, simulated.
     */
    public static final String LATENCY_VARIABLE = "SURGE_STRIPE_STUB_LATENCY";

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Process process;

    private final URI apiBase;

    private final String webhookSecret;

    private StripeStubProcess(Process process, URI apiBase, String webhookSecret) {
        this.process = process;
        this.apiBase = apiBase;
        this.webhookSecret = webhookSecret;
    }

    /**
     * Starts the stand-in in a child JVM on the class path of this one, sending the given
     * event types to {@code webhookEndpoint} and delaying every answer by
     * {@code latency}.
     */
    public static StripeStubProcess start(URI webhookEndpoint, Set<String> eventTypes, Duration latency) {
        try {
            Path directory = Files.createTempDirectory("surge-stripe-stub-");
            Path address = directory.resolve("address");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms128m", "-Xmx1g",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), StripeStubProcess.class.getName(),
                    address.toString(), webhookEndpoint.toString(), latency.toString(), String.join(",", eventTypes)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("stub.log").toFile())
                .start();
            long deadline = System.nanoTime() + READY_WITHIN.toNanos();
            while (!Files.exists(address) || Files.readString(address).isBlank()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            "The Stripe stand-in did not start; see " + directory.resolve("stub.log"));
                }
                Thread.sleep(50);
            }
            String[] written = Files.readString(address).strip().split(" ");
            StripeStubProcess stub = new StripeStubProcess(process, URI.create(written[0]), written[1]);
            Runtime.getRuntime().addShutdownHook(new Thread(stub::close, "stripe-stub-process-stop"));
            return stub;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The latency set in the environment ({@value #LATENCY_VARIABLE}), zero if none. */
    public static Duration latencyFromEnvironment() {
        String value = System.getenv(LATENCY_VARIABLE);
        return value == null || value.isBlank() ? Duration.ZERO : DurationStyle.detectAndParse(value.strip());
    }

    public URI apiBase() {
        return apiBase;
    }

    public String apiKey() {
        return StripeStub.API_KEY;
    }

    public String webhookSecret() {
        return webhookSecret;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "Stripe stand-in process " + process.pid() + " at " + apiBase;
    }

    /**
     * The child: {@code <address file> <webhook endpoint> <latency (ISO-8601)> <event
     * types, comma-separated>}. Runs until killed.
     */
    public static void main(String[] args) throws Exception {
        StripeStub stub = StripeStub.start();
        Duration latency = Duration.parse(args[2]);
        if (!latency.isZero()) {
            stub.faults().delayResponses(latency);
        }
        stub.webhooks()
            .enabledEvents(Set.copyOf(Arrays.stream(args[3].split(",")).filter(type -> !type.isBlank()).toList()))
            .deliverTo(URI.create(args[1]));
        Path address = Path.of(args[0]);
        Path written = address.resolveSibling("address.tmp");
        Files.writeString(written, stub.apiBase() + " " + stub.webhooks().secret());
        Files.move(written, address, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out
            .println("Stripe stand-in at " + stub.apiBase() + ", latency " + latency + ", webhooks to " + args[1]);
        new CountDownLatch(1).await();
    }

}
