package dev.surge.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.surge.testing.ChildProcesses;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Surge in a JVM of its own, started from the test class path with the given properties
 * on a fixed loopback port: a fault test can kill it with SIGKILL (a crash, a lost host:
 * no shutdown hook, no graceful drain) and start it again on the same port, as an
 * orchestrator would, while another instance keeps serving.
 */
public final class SurgeProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofMinutes(2);

    private final String name;

    private final int port;

    private final Map<String, String> properties;

    private final Path log;

    private Process process;

    private SurgeProcess(String name, int port, Map<String, String> properties, Path log) {
        this.name = name;
        this.port = port;
        this.properties = properties;
        this.log = log;
    }

    /**
     * Starts Surge with these Spring properties (given as command-line arguments, so they
     * win over every file) and waits until it is ready for traffic.
     */
    public static SurgeProcess start(String name, Map<String, String> properties) {
        try {
            // Beside the build's other reports (Failsafe runs in the module's directory).
            Path logs = Files.createDirectories(Path.of("target", "surge-processes"));
            Path log = Files.createTempFile(logs, name + "-", ".log");
            // The test's shoppers all call from the loopback address: as one client they
            // would meet the per-address rate limits a test of these faults is not about;
            // one guest may leave more orders unpaid than a buyer may; and their bursts
            // of writes are no overload.
            Map<String, String> settings = new java.util.HashMap<>(properties);
            settings.putIfAbsent("surge.limits.unthrottled", SurgeIntegrationTest.LOOPBACK);
            settings.putIfAbsent("surge.checkout.open-orders-per-buyer", "0");
            settings.putIfAbsent("surge.http.overload.min-limit", "100");
            settings.putIfAbsent("surge.http.overload.initial-limit", "100");
            SurgeProcess surge = new SurgeProcess(name, ChildProcesses.freePort(), Map.copyOf(settings), log);
            surge.restart();
            // A test JVM that ends without closing it must not leave a Surge behind.
            Runtime.getRuntime().addShutdownHook(new Thread(surge::kill, "surge-process-stop-" + name));
            return surge;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Where the process writes its output (kept for a failed test's post-mortem). */
    public Path log() {
        return log;
    }

    /**
     * A client for this instance that opens a new connection per request, so a request
     * after a kill meets a refused connection, not a pooled one that died.
     */
    public WebTestClient client() {
        var http = reactor.netty.http.client.HttpClient.create(ConnectionProvider.newConnection())
            .runOn(LoopResources.create("surge-" + name + "-client", 1, true));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
            .baseUrl(baseUrl().toString())
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    }

    /** Kills the process with SIGKILL and waits for it to be gone. */
    public synchronized void kill() {
        if (process != null) {
            ChildProcesses.kill(process);
            process = null;
        }
    }

    /**
     * Starts Surge (again) on its port and waits until its readiness probe answers UP.
     */
    public synchronized void restart() {
        kill();
        List<String> arguments = new ArrayList<>(List.of("dev.surge.api.SurgeApplication", "--server.port=" + port));
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        // Compiled by C1 only: it starts faster, which a test that restarts it wants.
        List<String> command = ChildProcesses
            .command(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), arguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    @Override
    public void close() {
        kill();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(baseUrl().resolve("/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2))
            .build();
        ChildProcesses.awaitReady(process, READY_WITHIN,
                () -> http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200, "Surge " + name,
                log);
    }

    @Override
    public String toString() {
        return "Surge " + name + " on " + baseUrl() + (process == null ? " (stopped)" : " (pid " + process.pid() + ")");
    }

}
