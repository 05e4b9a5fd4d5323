package dev.surge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker in a child JVM, from the Kafka jars on the test class
 * path, with its data on disk, on a fixed loopback port: a test can kill it (as a crash
 * would) and start it again on the same port with the same data, so clients see a broker
 * that went away and came back. For broker outages; other tests share
 * {@link TestInfrastructure#kafka()}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final Path directory;

    private final Path config;

    private final int port;

    private final List<String> jvmOptions;

    private Process process;

    private KafkaBrokerProcess(Path directory, Path config, int port, List<String> jvmOptions) {
        this.directory = directory;
        this.config = config;
        this.port = port;
        this.jvmOptions = jvmOptions;
    }

    /**
     * Formats a fresh data directory and starts the broker on it, compiled by C1 only: it
     * starts faster, which fault tests that restart it want.
     */
    public static KafkaBrokerProcess start() {
        return start(List.of("-XX:TieredStopAtLevel=1"));
    }

    /**
     * A broker for load: fully compiled (C2), as a broker in production runs, so a
     * benchmark does not charge a slow broker's CPU to the system measured.
     */
    public static KafkaBrokerProcess startForLoad() {
        return start(List.of());
    }

    private static KafkaBrokerProcess start(List<String> jvmOptions) {
        try {
            Path directory = Files.createTempDirectory("surge-kafka-");
            int port = EmbeddedRedisServer.freePort();
            int controllerPort = EmbeddedRedisServer.freePort();
            Path config = directory.resolve("server.properties");
            Files.writeString(config, properties(directory.resolve("data"), port, controllerPort));
            KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, config, port, jvmOptions);
            broker.run("format", List.of("kafka.tools.StorageTool", "format", "--cluster-id",
                    Uuid.randomUuid().toString(), "--config", config.toString()));
            broker.restart();
            // A test JVM that ends without closing it must not leave a broker behind.
            Runtime.getRuntime().addShutdownHook(new Thread(broker::kill, "kafka-broker-process-stop"));
            return broker;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker JVM's process id, for measuring what it costs. */
    public long pid() {
        return process.pid();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Kills the broker without a controlled shutdown, as a crash or a lost host would.
     */
    public synchronized void kill() {
        if (process != null) {
            ChildProcesses.kill(process);
            process = null;
        }
    }

    /** Starts the broker (again) on its port and data, and waits until it answers. */
    public synchronized void restart() {
        kill();
        process = launch("broker", List.of("kafka.Kafka", config.toString()));
        awaitReady();
    }

    @Override
    public void close() {
        kill();
        ChildProcesses.deleteRecursively(directory);
    }

    private void awaitReady() {
        ChildProcesses.awaitReady(process, READY_WITHIN, () -> {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers(), "request.timeout.ms", 2000,
                    "default.api.timeout.ms", 3000))) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return true;
            }
        }, "Kafka broker", directory.resolve("broker.log"));
    }

    private void run(String name, List<String> mainAndArguments) {
        Process formatting = launch(name, mainAndArguments);
        try {
            if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                throw new IllegalStateException("Kafka " + name + " failed; see " + directory.resolve(name + ".log"));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process launch(String name, List<String> mainAndArguments) {
        List<String> options = new ArrayList<>(List.of("-Xms128m", "-Xmx384m", "-XX:+UseSerialGC"));
        options.addAll(jvmOptions);
        List<String> command = ChildProcesses.command(options, mainAndArguments);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(name + ".log").toFile()))
                .start();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String properties(Path data, int port, int controllerPort) {
        return String.join("\n", "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT", "log.dirs=" + data,
                "num.partitions=1", "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false", "");
    }

}
