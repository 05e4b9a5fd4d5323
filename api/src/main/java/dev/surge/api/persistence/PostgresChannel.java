package dev.surge.api.persistence;

import java.time.Duration;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * One PostgreSQL notification channel, heard on a connection of its own outside the pool
 * (a listening connection must never be handed to anyone else), re-opened with back-off
 * whenever it drops. Only committed transactions notify, so listeners hear nothing that
 * may still roll back; what was notified while the connection was down is lost, which is
 * why every (re)start of listening is signalled too.
 */
public final class PostgresChannel {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresChannel.class);

    private final ConnectionFactory connections;

    private final String channel;

    public PostgresChannel(ConnectionFactory connections, String channel) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        this.connections = unpooled(connections);
        this.channel = channel;
    }

    /** What the channel said. */
    public sealed interface Heard {

        /**
         * Listening (re)started: the {@code count}-th time. From the second on, anything
         * notified in between was missed.
         */
        record Listening(long count) implements Heard {
        }

        record Notified(String payload) implements Heard {
        }

    }

    /**
     * Listens until cancelled, reconnecting for ever (back-off up to 10 s). Cold: each
     * subscriber opens its own connection.
     */
    public Flux<Heard> listen() {
        return Flux.defer(() -> {
            long[] listens = { 0 };
            return Flux
                .usingWhen(connections.create(), connection -> listenOn(connection, ++listens[0]), Connection::close)
                .doOnError(failure -> LOG.warn("Notifications on {} interrupted ({}); reconnecting", channel,
                        failure.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10)));
        });
    }

    private Flux<Heard> listenOn(Connection connection, long count) {
        PostgresqlConnection postgres = (PostgresqlConnection) connection;
        return postgres.createStatement("LISTEN " + channel)
            .execute()
            .flatMap(result -> result.getRowsUpdated())
            .thenMany(Flux.concat(Mono.just(new Heard.Listening(count)),
                    postgres.getNotifications()
                        .map(notification -> new Heard.Notified(
                                notification.getParameter() == null ? "" : notification.getParameter()))));
    }

    @SuppressWarnings("unchecked")
    private static ConnectionFactory unpooled(ConnectionFactory factory) {
        ConnectionFactory unwrapped = factory;
        while (unwrapped instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            unwrapped = inner;
        }
        return unwrapped;
    }

}
