package dev.surge.api.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Currency;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.surge.checkout.application.WorkPath;
import dev.surge.checkout.domain.CommissionPolicy;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.Offer;
import dev.surge.checkout.domain.PricingRules;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorTerms;
import dev.surge.checkout.port.Catalog;
import dev.surge.checkout.port.CatalogPage;
import dev.surge.checkout.port.ListedProduct;
import dev.surge.checkout.port.Offers;
import dev.surge.checkout.port.ProductQuery;
import dev.surge.checkout.port.VendorDirectory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The catalog every request reads, held in memory: carts are priced, checkouts split and
 * pages drawn without a database round trip. It follows the catalog of record through
 * PostgreSQL notifications: a trigger on every catalog table notifies {@value #CHANNEL}
 * when a change commits, and the snapshot is read again (changes that arrive while a read
 * runs are gathered into one more read). Listening (re)starting reads it again too, since
 * changes made while the connection was down were not heard, and so does a slow periodic
 * pass, in case a connection dies without anyone noticing.
 *
 * <p>
 * A snapshot may lag the store by the notification's way here plus one read (the
 * {@code surge.catalog.refresh.lag} timer measures it from the change's commit); the
 * checkout's own transaction checks the prices it charges against the store, so the lag
 * can show a superseded price on a page but never charge one.
 */
public final class InMemoryCatalog implements Catalog, Offers, VendorDirectory, SmartLifecycle {

    /** The channel the catalog tables' trigger notifies (migration V8). */
    public static final String CHANNEL = "surge_catalog";

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryCatalog.class);

    private static final Duration FIRST_LOAD_TIMEOUT = Duration.ofMinutes(2);

    private final CatalogSnapshotLoader loader;

    private final PostgresChannel channel;

    private final Duration resyncInterval;

    private final Duration fullResyncInterval;

    private final Counter resyncsUnchanged;

    private final AtomicReference<CatalogSnapshot> current = new AtomicReference<>();

    /**
     * Epoch millis at which the oldest change not yet in the snapshot committed, 0 when
     * none.
     */
    private final AtomicLong oldestUnapplied = new AtomicLong();

    private final Timer reloads;

    private final Timer lag;

    private volatile Disposable following;

    /**
     * @param resyncInterval how often the catalog is checked for changes no notification
     * brought (it is read again only if some were counted)
     * @param fullResyncInterval how old a snapshot may grow before a check reads the
     * catalog again all the same
     */
    public InMemoryCatalog(CatalogSnapshotLoader loader, PostgresChannel channel, Duration resyncInterval,
            Duration fullResyncInterval, MeterRegistry meters) {
        this.loader = loader;
        this.channel = channel;
        this.resyncInterval = resyncInterval;
        this.fullResyncInterval = fullResyncInterval;
        this.resyncsUnchanged = Counter.builder("surge.catalog.resync.unchanged")
            .description("Periodic checks that found no catalog change and read nothing more")
            .register(meters);
        this.reloads = Timer.builder("surge.catalog.reload")
            .description("Reading the whole catalog of record into memory")
            .register(meters);
        this.lag = Timer.builder("surge.catalog.refresh.lag")
            .description("From a catalog change's commit to the snapshot that holds it")
            .register(meters);
        meters.gauge("surge.catalog.listed.products", current,
                snapshot -> snapshot.get() == null ? 0 : snapshot.get().listedProducts());
    }

    /** The snapshot answering now. */
    public CatalogSnapshot snapshot() {
        CatalogSnapshot snapshot = current.get();
        if (snapshot == null) {
            throw new IllegalStateException("the catalog is read at start-up, before any request is served");
        }
        return snapshot;
    }

    @Override
    public Mono<Void> refresh() {
        return reload().then();
    }

    /** Reads the catalog again now, and emits the snapshot that answers from then on. */
    Mono<CatalogSnapshot> reload() {
        return Mono.defer(() -> {
            long since = oldestUnapplied.getAndSet(0);
            long started = System.nanoTime();
            return loader.load().map(snapshot -> {
                // Two reads racing (a change and an explicit refresh): the later picture
                // wins.
                CatalogSnapshot now = current.accumulateAndGet(snapshot,
                        (held, read) -> held == null || !read.loadedAt().isBefore(held.loadedAt()) ? read : held);
                reloads.record(Duration.ofNanos(System.nanoTime() - started));
                if (since > 0) {
                    // Wall clock against the database's: both are this machine's or
                    // NTP's.
                    lag.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - since)));
                }
                return now;
            }).doOnError(failure -> oldestUnapplied.compareAndSet(0, since));
        });
    }

    @Override
    public Mono<Map<Sku, Offer>> offers(Collection<Sku> skus, Currency currency) {
        return Mono.fromSupplier(() -> snapshot().offers(skus, currency));
    }

    @Override
    public Mono<PricingRules> rules(Currency currency, CountryCode country, Collection<VendorId> vendors) {
        return Mono.fromSupplier(() -> snapshot().rules(currency, country, vendors));
    }

    @Override
    public Mono<Boolean> shipsTo(CountryCode country) {
        return Mono.fromSupplier(() -> snapshot().shipsTo(country));
    }

    @Override
    public Mono<Map<VendorId, VendorTerms>> terms(Collection<VendorId> vendors) {
        return Mono.fromSupplier(() -> snapshot().terms(vendors));
    }

    @Override
    public Mono<CommissionPolicy> commissions(Instant at) {
        return Mono.fromSupplier(() -> snapshot().commissions(at));
    }

    @Override
    public Mono<CatalogPage> search(ProductQuery query) {
        return Mono.fromSupplier(() -> snapshot().search(query));
    }

    @Override
    public Mono<ListedProduct> find(ProductId id, Currency currency) {
        return Mono.fromSupplier(() -> snapshot().find(id, currency).orElse(null));
    }

    /**
     * Reads the catalog before the application serves anything (start-up, so it may
     * wait), then follows its changes.
     */
    @Override
    public void start() {
        CatalogSnapshot first = reload().block(FIRST_LOAD_TIMEOUT);
        LOG.info("Catalog in memory: {} listed products", first == null ? 0 : first.listedProducts());
        // A notification (or listening again) always reads the catalog again; the
        // periodic check only when a change was counted that no notification brought.
        Flux<Mono<CatalogSnapshot>> reasons = Flux.merge(
                channel.listen().doOnNext(this::noteChange).map(heard -> reload()),
                Flux.interval(resyncInterval, resyncInterval).map(tick -> resync()));
        following = reasons.onBackpressureLatest().concatMap(next -> next.onErrorResume(failure -> {
            LOG.warn("Could not read the catalog again ({}); the next change or pass retries", failure.toString());
            return Mono.empty();
        }).contextWrite(Context.of(WorkPath.KEY, WorkPath.BACKGROUND)), 1).subscribe();
    }

    /**
     * Reads the catalog again if changes were counted since the snapshot was read, or if
     * the snapshot is older than the full resync interval (a change counted but not yet
     * committed when the snapshot was read is in neither, and its notification may have
     * been lost with a connection).
     */
    Mono<CatalogSnapshot> resync() {
        return Mono.defer(() -> {
            CatalogSnapshot held = snapshot();
            if (held.loadedAt().plus(fullResyncInterval).isBefore(Instant.now())) {
                return reload();
            }
            return loader.changes().flatMap(changes -> {
                if (changes == held.changes()) {
                    resyncsUnchanged.increment();
                    return Mono.empty();
                }
                return reload();
            });
        });
    }

    private void noteChange(PostgresChannel.Heard heard) {
        if (heard instanceof PostgresChannel.Heard.Notified notified) {
            oldestUnapplied.compareAndSet(0, committedAt(notified.payload()));
        }
    }

    /** The trigger sends the change's commit-time clock in epoch millis. */
    private long committedAt(String payload) {
        try {
            return Long.parseLong(payload);
        }
        catch (NumberFormatException unexpected) {
            return System.currentTimeMillis();
        }
    }

    /** Before the web server opens: no request may find the catalog unread. */
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
