package dev.surge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the tests' child JVMs (a Kafka broker, a Surge instance) share: the command that
 * starts one from the test class path, a free loopback port, and a kill that waits until
 * the process is gone.
 */
public final class ChildJvms {

    private ChildJvms() {
    }

    /**
     * {@code java} of this JVM with the options, the test class path and the main class
     * with its arguments.
     */
    public static List<String> command(List<String> options, List<String> mainAndArguments) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        // Surefire and Failsafe keep the real class path here when they fork.
        command.addAll(
                List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        command.addAll(mainAndArguments);
        return command;
    }

    /**
     * Kills the process with SIGKILL (no shutdown hook runs) and waits until it is gone.
     */
    public static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A loopback port free at the time of asking. */
    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
