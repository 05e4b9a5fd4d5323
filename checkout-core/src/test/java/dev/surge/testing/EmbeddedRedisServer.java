package dev.surge.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server process from the Maven-delivered codemonstur binary, on a free
 * loopback port (never 6379, which a machine's own Redis may hold), keeping nothing on
 * disk. A fault test may kill it ({@code kill -9}) and start a new, empty one on the same
 * port, as a restart without persistence would.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private volatile redis.embedded.RedisServer process;

    private volatile long pid;

    private final int port;

    private EmbeddedRedisServer(redis.embedded.RedisServer process, int port) {
        this.process = process;
        this.port = port;
    }

    public static EmbeddedRedisServer start() {
        try {
            int port = freePort();
            return new EmbeddedRedisServer(started(port), port);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Redis", e);
        }
    }

    private static redis.embedded.RedisServer started(int port) throws IOException {
        redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .onShutdownForceStop(false)
            .build();
        server.start();
        return server;
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

    /** Starts a new, empty server on the same port (a restart without persistence). */
    public void restart() {
        try {
            process = started(port);
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
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
            socket.getOutputStream().write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader answer = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = answer.readLine(); line != null; line = answer.readLine()) {
                if (line.startsWith("process_id:")) {
                    return Long.parseLong(line.substring("process_id:".length()).strip());
                }
            }
            throw new IllegalStateException("redis-server on port " + port + " did not tell its process id");
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not ask redis-server on port " + port + " for its process id", e);
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
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

}
