package dev.surge.api.persistence;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.surge.checkout.application.WorkPath;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Counts the statements and transactions Surge sends PostgreSQL, at the client, per kind
 * of work: {@code surge.db.statements} and {@code surge.db.transactions}, tagged
 * {@code path} = {@code request} (what a caller waits for), {@code webhook} or
 * {@code background} (periodic passes), read from the Reactor context of whoever asks for
 * the connection ({@link WorkPath}). A statement run outside a transaction is a
 * transaction of its own, as PostgreSQL counts it; BEGIN and COMMIT are not counted as
 * statements. The benchmark reads these per journey; they do not depend on noise.
 */
public final class CountedConnections implements ConnectionFactory, Wrapped<ConnectionFactory>, Disposable {

    private final ConnectionFactory delegate;

    private final Supplier<MeterRegistry> meters;

    private final Map<String, Counters> byPath = new ConcurrentHashMap<>();

    /**
     * {@code meters} is asked for on the first connection only, so the factory can be
     * wrapped before the registry exists.
     */
    public CountedConnections(ConnectionFactory delegate, Supplier<MeterRegistry> meters) {
        this.delegate = delegate;
        this.meters = meters;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.deferContextual(context -> {
            Counters counters = countersFor(context.getOrDefault(WorkPath.KEY, WorkPath.REQUEST));
            return Mono.from(delegate.create()).map(connection -> new CountedConnection(connection, counters));
        });
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return delegate;
    }

    /** Disposes of the delegate (a pool is closed as the application stops). */
    @Override
    public void dispose() {
        if (delegate instanceof Disposable disposable) {
            disposable.dispose();
        }
    }

    @Override
    public boolean isDisposed() {
        return delegate instanceof Disposable disposable && disposable.isDisposed();
    }

    private Counters countersFor(String path) {
        return byPath.computeIfAbsent(path,
                key -> new Counters(
                        Counter.builder("surge.db.statements")
                            .description("Statements sent to PostgreSQL (BEGIN and COMMIT not counted)")
                            .tag("path", key)
                            .register(meters.get()),
                        Counter.builder("surge.db.transactions")
                            .description("PostgreSQL transactions (a statement outside one is one)")
                            .tag("path", key)
                            .register(meters.get())));
    }

    private record Counters(Counter statements, Counter transactions) {
    }

    /** A connection that counts what runs on it; everything else is the delegate's. */
    private static final class CountedConnection implements Connection, Wrapped<Connection> {

        private final Connection delegate;

        private final Counters counters;

        /**
         * Changed and read by one subscriber chain at a time, as a connection is used.
         */
        private volatile boolean inTransaction;

        CountedConnection(Connection delegate, Counters counters) {
            this.delegate = delegate;
            this.counters = counters;
        }

        @Override
        public Connection unwrap() {
            return delegate;
        }

        @Override
        public Publisher<Void> beginTransaction() {
            return Mono.from(delegate.beginTransaction()).doOnSubscribe(started -> inTransaction = true);
        }

        @Override
        public Publisher<Void> beginTransaction(TransactionDefinition definition) {
            return Mono.from(delegate.beginTransaction(definition)).doOnSubscribe(started -> inTransaction = true);
        }

        @Override
        public Publisher<Void> commitTransaction() {
            return Mono.from(delegate.commitTransaction()).doOnSubscribe(ending -> {
                inTransaction = false;
                counters.transactions().increment();
            });
        }

        @Override
        public Publisher<Void> rollbackTransaction() {
            return Mono.from(delegate.rollbackTransaction()).doOnSubscribe(ending -> {
                inTransaction = false;
                counters.transactions().increment();
            });
        }

        @Override
        public Statement createStatement(String sql) {
            return new CountedStatement(delegate.createStatement(sql), this);
        }

        void executed() {
            counters.statements().increment();
            if (!inTransaction) {
                counters.transactions().increment();
            }
        }

        @Override
        public Publisher<Void> close() {
            return delegate.close();
        }

        @Override
        public Batch createBatch() {
            return delegate.createBatch();
        }

        @Override
        public Publisher<Void> createSavepoint(String name) {
            return delegate.createSavepoint(name);
        }

        @Override
        public boolean isAutoCommit() {
            return delegate.isAutoCommit();
        }

        @Override
        public ConnectionMetadata getMetadata() {
            return delegate.getMetadata();
        }

        @Override
        public IsolationLevel getTransactionIsolationLevel() {
            return delegate.getTransactionIsolationLevel();
        }

        @Override
        public Publisher<Void> releaseSavepoint(String name) {
            return delegate.releaseSavepoint(name);
        }

        @Override
        public Publisher<Void> rollbackTransactionToSavepoint(String name) {
            return delegate.rollbackTransactionToSavepoint(name);
        }

        @Override
        public Publisher<Void> setAutoCommit(boolean autoCommit) {
            return delegate.setAutoCommit(autoCommit);
        }

        @Override
        public Publisher<Void> setLockWaitTimeout(Duration timeout) {
            return delegate.setLockWaitTimeout(timeout);
        }

        @Override
        public Publisher<Void> setStatementTimeout(Duration timeout) {
            return delegate.setStatementTimeout(timeout);
        }

        @Override
        public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
            return delegate.setTransactionIsolationLevel(isolationLevel);
        }

        @Override
        public Publisher<Boolean> validate(ValidationDepth depth) {
            return delegate.validate(depth);
        }

    }

    /** A statement counted once per execution. */
    private static final class CountedStatement implements Statement {

        private final Statement delegate;

        private final CountedConnection connection;

        CountedStatement(Statement delegate, CountedConnection connection) {
            this.delegate = delegate;
            this.connection = connection;
        }

        @Override
        public Publisher<? extends Result> execute() {
            connection.executed();
            return delegate.execute();
        }

        @Override
        public Statement add() {
            delegate.add();
            return this;
        }

        @Override
        public Statement bind(int index, Object value) {
            delegate.bind(index, value);
            return this;
        }

        @Override
        public Statement bind(String name, Object value) {
            delegate.bind(name, value);
            return this;
        }

        @Override
        public Statement bindNull(int index, Class<?> type) {
            delegate.bindNull(index, type);
            return this;
        }

        @Override
        public Statement bindNull(String name, Class<?> type) {
            delegate.bindNull(name, type);
            return this;
        }

        @Override
        public Statement returnGeneratedValues(String... columns) {
            delegate.returnGeneratedValues(columns);
            return this;
        }

        @Override
        public Statement fetchSize(int rows) {
            delegate.fetchSize(rows);
            return this;
        }

    }

}
