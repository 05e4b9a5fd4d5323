package dev.surge.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A real PostgreSQL process from the Maven-delivered zonky binaries, on a free loopback
 * port, its data in a temporary directory that {@link #close()} removes. The owner closes
 * it: no hook of its own races the application's shutdown.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * For tests: zonky's defaults, which trade durability for speed (no fsync, commits
     * acknowledged before they reach the disk).
     */
    public static EmbeddedPostgresServer start() {
        return start(false);
    }

    /**
     * @param durable commit as production does: a commit is acknowledged once it is on
     * disk ({@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on),
     * so an acknowledged order survives a crash; what the embedded runtime and its
     * benchmarks run on
     */
    public static EmbeddedPostgresServer start(boolean durable) {
        var builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
        if (durable) {
            builder.setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
        }
        try {
            return new EmbeddedPostgresServer(builder.start());
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    public PostgresServer server() {
        return new PostgresServer("127.0.0.1", postgres.getPort(), "postgres", "", "postgres",
                "embedded PostgreSQL (zonky)");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded PostgreSQL", e);
        }
    }

}
