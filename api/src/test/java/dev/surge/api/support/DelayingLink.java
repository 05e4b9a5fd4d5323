package dev.surge.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback TCP link in front of a server the test started, that can hold the server's
 * answers back for a while: requests reach the server at once (so a command runs), its
 * answers reach the client late (so the client may give up on a command that ran). Each
 * chunk is delayed from the moment it arrived, so order is kept.
 */
public final class DelayingLink implements AutoCloseable {

    private final ServerSocket listener;

    private final String host;

    private final int port;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private volatile long delayNanos;

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

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(host, port);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pipe(client, server, false));
                Thread.ofVirtual().start(() -> pipe(server, client, true));
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
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
