package dev.surge.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real 3-master Redis Cluster on loopback: three {@code redis-server} processes in
 * cluster mode, joined with {@code redis-cli --cluster create}. Needs
 * {@code redis-server} and {@code redis-cli} on the PATH (Debian's redis-server package;
 * present on the machines Surge's CI runs on).
 */
final class LocalRedisCluster implements AutoCloseable {

    private static final int MASTERS = 3;

    private final List<Process> processes;

    private final Path directory;

    private final List<String> nodes;

    private LocalRedisCluster(List<Process> processes, Path directory, List<String> nodes) {
        this.processes = processes;
        this.directory = directory;
        this.nodes = nodes;
    }

    static LocalRedisCluster start() {
        String server = onPath("redis-server");
        String cli = onPath("redis-cli");
        List<Process> processes = new ArrayList<>();
        try {
            Path directory = Files.createTempDirectory("surge-redis-cluster");
            List<String> nodes = new ArrayList<>();
            for (int i = 0; i < MASTERS; i++) {
                int port = EmbeddedRedisServer.freePort();
                Path nodeDirectory = Files.createDirectories(directory.resolve(Integer.toString(port)));
                processes.add(new ProcessBuilder(server, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout",
                        "5000", "--dir", nodeDirectory.toString(), "--save", "", "--appendonly", "no",
                        "--protected-mode", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(nodeDirectory.resolve("redis.log").toFile())
                    .start());
                nodes.add("127.0.0.1:" + port);
            }
            var cluster = new LocalRedisCluster(processes, directory, List.copyOf(nodes));
            for (String node : nodes) {
                cluster.await(() -> "PONG".equals(cluster.cli(cli, node, "ping").strip()), node + " answering");
            }
            List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
            create.addAll(nodes);
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            run(create);
            for (String node : nodes) {
                cluster.await(() -> cluster.cli(cli, node, "cluster", "info").contains("cluster_state:ok"),
                        node + " seeing the cluster ok");
            }
            return cluster;
        }
        catch (IOException e) {
            processes.forEach(Process::destroyForcibly);
            throw new UncheckedIOException("could not start a local Redis Cluster", e);
        }
    }

    RedisClusterServer server() {
        return new RedisClusterServer(nodes, "local 3-master Redis Cluster (redis-server on PATH)");
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
        catch (IOException e) {
            // a temporary directory left behind is no reason to fail a test run
        }
    }

    private String cli(String cli, String node, String... command) {
        String[] hostPort = node.split(":");
        List<String> arguments = new ArrayList<>(List.of(cli, "-h", hostPort[0], "-p", hostPort[1]));
        arguments.addAll(List.of(command));
        try {
            return run(arguments);
        }
        catch (IllegalStateException notYet) {
            return "";
        }
    }

    private void await(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("local Redis Cluster: timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean toolsOnPath() {
        try {
            onPath("redis-server");
            onPath("redis-cli");
            return true;
        }
        catch (IllegalStateException missing) {
            return false;
        }
    }

    private static String onPath(String program) {
        return Optional.ofNullable(System.getenv("PATH"))
            .stream()
            .flatMap(path -> Stream.of(path.split(File.pathSeparator)))
            .map(directory -> Path.of(directory, program))
            .filter(Files::isExecutable)
            .map(Path::toString)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("Redis Cluster tests need " + program + " on the PATH "
                    + "(Debian: apt-get install redis-server), or SURGE_TEST_REDIS_CLUSTER=host:port,host:port,..."));
    }

}
