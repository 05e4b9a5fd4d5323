package dev.surge.api.persistence;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.surge.checkout.application.WorkPath;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorTeam;
import dev.surge.checkout.port.VendorTeams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;

/**
 * Vendor teams with each subject's memberships cached, since every vendor request asks
 * for them. A change forgets the subject's entry here at once and, through the
 * {@code surge_members} notification sent on commit, on every instance; when listening
 * restarts (notifications may have been missed) everything is forgotten. Entries also
 * expire after {@code maxAge}, a bound should a notification be lost anyway.
 */
public final class CachedVendorTeams implements VendorTeams, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CachedVendorTeams.class);

    private final VendorTeams store;

    private final PostgresChannel changes;

    private final AsyncCache<String, List<Membership>> memberships;

    private volatile Disposable following;

    private final Sinks.Many<String> changed = Sinks.many().multicast().directBestEffort();

    public CachedVendorTeams(VendorTeams store, PostgresChannel changes, Duration maxAge) {
        this.store = store;
        this.changes = changes;
        this.memberships = Caffeine.newBuilder().expireAfterWrite(maxAge).maximumSize(100_000).buildAsync();
    }

    @Override
    public Mono<List<Membership>> memberships(String subject) {
        return Mono.fromFuture(() -> memberships.get(subject,
                (key, executor) -> store.memberships(key)
                    .contextWrite(Context.of(WorkPath.KEY, WorkPath.REQUEST))
                    .toFuture()),
                true);
    }

    @Override
    public Mono<VendorTeam> team(VendorId vendor) {
        return store.team(vendor);
    }

    /**
     * The change is told here once it is committed (a change recorded inside a larger
     * transaction, with its audit entry, is not visible before): told earlier, a follower
     * re-read the old roles, cached them, and the notification of the commit could then
     * be the only one to tell it.
     */
    @Override
    public Mono<Boolean> record(VendorTeam.Change.Made change) {
        Membership changed = change.after() != null ? change.after() : change.before();
        return store.record(change).flatMap(recorded -> changed == null ? Mono.just(recorded) : afterCommit(() -> {
            memberships.synchronous().invalidate(changed.subject());
            tell(changed.subject());
        }).thenReturn(recorded));
    }

    /** Runs {@code action} once the current transaction commits, or now without one. */
    private static Mono<Void> afterCommit(Runnable action) {
        return TransactionSynchronizationManager.forCurrentTransaction().flatMap(synchronization -> {
            if (!synchronization.isSynchronizationActive()) {
                return Mono.<Void>fromRunnable(action);
            }
            synchronization.registerSynchronization(new TransactionSynchronization() {
                @Override
                public Mono<Void> afterCommit() {
                    return Mono.fromRunnable(action);
                }
            });
            return Mono.<Void>empty();
        }).onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(action));
    }

    @Override
    public Flux<String> changes() {
        return changed.asFlux();
    }

    /** A local change and a notification may be told at once: each waits its turn. */
    private void tell(String subject) {
        changed.emitNext(subject, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(50)));
    }

    /** Follows the changes before the web server opens. */
    @Override
    public void start() {
        following = changes.listen().doOnNext(heard -> {
            switch (heard) {
                case PostgresChannel.Heard.Notified notified -> {
                    memberships.synchronous().invalidate(notified.payload());
                    tell(notified.payload());
                }
                case PostgresChannel.Heard.Listening listening -> {
                    if (listening.count() > 1) {
                        memberships.synchronous().invalidateAll();
                        tell(ANYONE);
                    }
                }
            }
        }).doOnError(failure -> LOG.error("Stopped following membership changes", failure)).subscribe();
    }

    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void stop() {
        Disposable current = following;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable current = following;
        return current != null && !current.isDisposed();
    }

}
