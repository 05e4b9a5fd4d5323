package dev.surge.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server process from the Maven-delivered codemonstur binary, on a free
 * loopback port (never 6379, which a machine's own Redis may hold), with a data directory
 * of its own. By default it keeps nothing on disk; a fault test may turn on an
 * append-only file ({@link #appendOnlyEverySecond()}, as production Redis often runs) or
 * take {@link #snapshot() snapshots}, kill it ({@code kill -9}) and start it again on the
 * same port: empty, from its append-only file, or from an older snapshot.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final String SNAPSHOT_FILE = "dump.rdb";

    private volatile redis.embedded.RedisServer process;

    private volatile long pid;

    private final int port;

    private final Path directory;

    private volatile boolean appendOnly;

    private EmbeddedRedisServer(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    public static EmbeddedRedisServer start() {
        try {
            EmbeddedRedisServer server = new EmbeddedRedisServer(freePort(), Files.createTempDirectory("surge-redis-"));
            server.process = server.started();
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Redis", e);
        }
    }

    private redis.embedded.RedisServer started() throws IOException {
        redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("dir " + directory)
            .setting("dbfilename " + SNAPSHOT_FILE)
            .setting("save \"\"")
            .setting(appendOnly ? "appendonly yes" : "appendonly no")
            .setting("appendfsync everysec")
            .onShutdownForceStop(false)
            .build();
        server.start();
        return server;
    }

    /**
     * From now on the server logs every write to its append-only file and syncs it to
     * disk once a second (Redis's {@code appendfsync everysec}): a crash loses up to the
     * last second of writes, and {@link #restart()} loads the rest.
     */
    public void appendOnlyEverySecond() {
        ask("CONFIG SET appendonly yes");
        appendOnly = true;
        // Enabling it writes the file from the data set in the background first.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!ask("INFO persistence").contains("aof_enabled:1")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server on port " + port + " did not write its append-only file");
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * From now on the server keeps nothing on disk again (as it started): a
     * {@link #restart()} starts it empty.
     */
    public void persistNothing() {
        ask("CONFIG SET appendonly no");
        appendOnly = false;
    }

    /**
     * Writes the data set to disk now ({@code SAVE}) and keeps a copy: a snapshot
     * {@link #restartFrom} can start a later server from, as a restored backup would.
     */
    public Path snapshot() {
        ask("SAVE");
        try {
            return Files.copy(directory.resolve(SNAPSHOT_FILE), Files.createTempFile(directory, "snapshot-", ".rdb"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not keep the snapshot of redis-server on port " + port, e);
        }
    }

    /**
     * Starts a new server on the same port from the snapshot, without an append-only file
     * (a backup restored after the server was lost): it holds the data set as it was when
     * the snapshot was taken.
     */
    public void restartFrom(Path snapshot) {
        try {
            Files.copy(snapshot, directory.resolve(SNAPSHOT_FILE), StandardCopyOption.REPLACE_EXISTING);
            appendOnly = false;
            deleteAppendOnlyFiles();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not restore a snapshot for redis-server on port " + port, e);
        }
        startAgain();
    }

    /**
     * Kills the server with SIGKILL and waits until it is gone: its data goes with it.
     */
    public void kill() {
        ProcessHandle server = ProcessHandle.of(pid())
            .orElseThrow(() -> new IllegalStateException("redis-server on port " + port + " is not running"));
        server.destroyForcibly();
        try {
            server.onExit().get(10, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException("redis-server on port " + port + " did not die", e);
        }
    }

    /**
     * Stops the server with SIGSTOP: its connections stay open and commands sent to it
     * wait, unanswered, until {@link #resume()}.
     */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a paused server go on (SIGCONT): it runs what waited, in order. */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        long pid = pid();
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not signal redis-server " + pid, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling redis-server " + pid, e);
        }
    }

    /**
     * Starts a new server on the same port, after {@link #kill()}: empty (a restart
     * without persistence) unless it kept an append-only file, which it then loads.
     */
    public void restart() {
        try {
            if (!appendOnly) {
                Files.deleteIfExists(directory.resolve(SNAPSHOT_FILE));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not empty the data directory of redis-server on port " + port, e);
        }
        startAgain();
    }

    private void startAgain() {
        try {
            process = started();
            pid = 0;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not restart embedded Redis", e);
        }
    }

    /**
     * The server's process id, as it told it ({@code INFO server}) when first asked, and
     * again after a restart (a paused server cannot answer).
     */
    public long pid() {
        if (pid == 0) {
            pid = askPid();
        }
        return pid;
    }

    private long askPid() {
        return ask("INFO server").lines()
            .filter(line -> line.startsWith("process_id:"))
            .map(line -> Long.parseLong(line.substring("process_id:".length()).strip()))
            .findFirst()
            .orElseThrow(
                    () -> new IllegalStateException("redis-server on port " + port + " did not tell its process id"));
    }

    /**
     * Sends one inline command and reads its answer: a status or error line, or a bulk
     * string (as {@code INFO} answers).
     */
    private String ask(String command) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader answer = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String first = answer.readLine();
            if (first == null || first.startsWith("-")) {
                throw new IllegalStateException(
                        "redis-server on port " + port + " answered " + first + " to " + command);
            }
            if (!first.startsWith("$")) {
                return first;
            }
            char[] bulk = new char[Integer.parseInt(first.substring(1))];
            for (int read = 0; read < bulk.length;) {
                int now = answer.read(bulk, read, bulk.length - read);
                if (now < 0) {
                    break;
                }
                read += now;
            }
            return new String(bulk);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not send " + command + " to redis-server on port " + port, e);
        }
    }

    private void deleteAppendOnlyFiles() throws IOException {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                .filter(path -> path.toString().contains("appendonly"))
                .forEach(path -> path.toFile().delete());
        }
    }

    public RedisServer server() {
        return new RedisServer("127.0.0.1", port, "embedded Redis (codemonstur)");
    }

    @Override
    public void close() {
        try {
            if (process.isActive()) {
                process.stop();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded Redis", e);
        }
        ChildProcesses.deleteRecursively(directory);
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

}
