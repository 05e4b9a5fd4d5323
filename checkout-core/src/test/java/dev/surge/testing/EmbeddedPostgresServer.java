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

    public static EmbeddedPostgresServer start() {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder().setRegisterShutdownHook(false).start());
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
