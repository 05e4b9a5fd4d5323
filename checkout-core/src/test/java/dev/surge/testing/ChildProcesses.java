package dev.surge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * What the tests' child processes (a Kafka broker, a Surge instance, a redis-server)
 * share: the command that starts a JVM from the test class path, a free loopback port, a
 * wait until the process answers, a kill that waits until it is gone, and the removal of
 * its data directory.
 */
public final class ChildProcesses {

    private ChildProcesses() {
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

    /**
     * Waits until {@code ready} says yes (an exception counts as "not yet"), failing at
     * once if the process exits and after {@code within}; {@code what} and {@code log}
     * name it and where it told why.
     */
    public static void awaitReady(Process process, Duration within, Callable<Boolean> ready, String what, Path log) {
        long deadline = System.nanoTime() + within.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (Boolean.TRUE.equals(ready.call())) {
                    return;
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            catch (Exception notYet) {
                last = notYet;
            }
            try {
                Thread.sleep(200);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(what + " not ready within " + within + "; see " + log, last);
    }

    /** Deletes the directory and everything in it; one left behind is harmless. */
    public static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // A temporary directory left behind is harmless.
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
