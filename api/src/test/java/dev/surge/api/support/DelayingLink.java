package dev.surge.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A loopback TCP link in front of a server the test started, that can hold the server's
 * answers back for a while: requests reach the server at once (so a command runs), its
 * answers reach the client late (so the client may give up on a command that ran). Each
 * chunk is delayed from the moment it arrived, so order is kept. It can also lose the
 * answer to one request: the request reaches the server, and the connection breaks when
 * the answer comes back, as a network failure after a commit would.
 */
public final class DelayingLink implements AutoCloseable {

    private final ServerSocket listener;

    private final String host;

    private final int port;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private volatile long delayNanos;

    private final AtomicReference<byte @Nullable []> cutAfter = new AtomicReference<>();

    private final AtomicInteger cuts = new AtomicInteger();

    private DelayingLink(ServerSocket listener, String host, int port) {
        this.listener = listener;
        this.host = host;
        this.port = port;
    }

    /** Starts a link to {@code host:port} on a free loopback port. */
    public static DelayingLink to(String host, int port) {
        try {
            DelayingLink link = new DelayingLink(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), host, port);
            Thread.ofVirtual().name("delaying-link-accept").start(link::accept);
            return link;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not open the link", e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Answers arriving from now on reach their client {@code delay} late. */
    public void delayAnswers(Duration delay) {
        delayNanos = delay.toNanos();
    }

    /**
     * The next request whose bytes contain {@code marker} (e.g. a statement's text) is
     * delivered, and its connection breaks when the server answers, the answer lost.
     */
    public void loseTheAnswerTo(String marker) {
        cutAfter.set(marker.getBytes(StandardCharsets.UTF_8));
    }

    /** How many connections lost an answer so far. */
    public int answersLost() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server;
                try {
                    server = new Socket(host, port);
                }
                catch (IOException down) {
                    // The server is down (killed by the test): this client is refused,
                    // the next one may find it back.
                    close(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                AtomicBoolean doomed = new AtomicBoolean();
                Thread.ofVirtual().start(() -> pipe(client, server, false, doomed));
                Thread.ofVirtual().start(() -> pipe(server, client, true, doomed));
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean answers, AtomicBoolean doomed) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!answers) {
                    byte[] marker = cutAfter.get();
                    if (marker != null && contains(buffer, read, marker) && cutAfter.compareAndSet(marker, null)) {
                        doomed.set(true);
                    }
                }
                else if (doomed.get()) {
                    cuts.incrementAndGet();
                    return;
                }
                if (answers) {
                    long due = System.nanoTime() + delayNanos;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        }
        catch (IOException closed) {
            // Either side went away: the other follows.
        }
        finally {
            close(from);
            close(to);
        }
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        for (int start = 0; start + marker.length <= length; start++) {
            if (Arrays.equals(buffer, start, start + marker.length, marker, 0, marker.length)) {
                return true;
            }
        }
        return false;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ignored) {
            // Closing anyway.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        }
        catch (IOException ignored) {
            // Closing anyway.
        }
        sockets.forEach(DelayingLink::close);
    }

}
