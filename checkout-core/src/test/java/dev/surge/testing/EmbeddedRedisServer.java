package dev.surge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A real redis-server process from the Maven-delivered codemonstur binary, on a free
 * loopback port (never 6379, which a machine's own Redis may hold), keeping nothing on
 * disk.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private final redis.embedded.RedisServer process;

    private final int port;

    private EmbeddedRedisServer(redis.embedded.RedisServer process, int port) {
        this.process = process;
        this.port = port;
    }

    public static EmbeddedRedisServer start() {
        try {
            int port = freePort();
            redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .onShutdownForceStop(false)
                .build();
            server.start();
            return new EmbeddedRedisServer(server, port);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Redis", e);
        }
    }

    public RedisServer server() {
        return new RedisServer("127.0.0.1", port, "embedded Redis (codemonstur)");
    }

    @Override
    public void close() {
        try {
            process.stop();
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
