package dev.surge.api.wiring;

import dev.surge.checkout.application.LoadStockOfRecord;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Notices when Redis has lost the stock counters while Surge runs (a restart without
 * persistence, a failover) and loads them again from the stock of record. Safe in many
 * pods at once: loading only fills counters that are missing.
 */
final class StockCountersReconciliation implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StockCountersReconciliation.class);

    private final LoadStockOfRecord loadStockOfRecord;

    private final Duration interval;

    private volatile Disposable loop;

    StockCountersReconciliation(LoadStockOfRecord loadStockOfRecord, Duration interval) {
        this.loadStockOfRecord = loadStockOfRecord;
        this.interval = interval;
    }

    @Override
    public void start() {
        loop = Flux.interval(interval)
            .onBackpressureDrop()
            .concatMap(tick -> loadStockOfRecord.reloadIfLost()
                .doOnNext(skus -> LOG.warn("Redis had lost the stock counters; reloaded {} SKUs from PostgreSQL", skus))
                .onErrorResume(failure -> {
                    // Redis or PostgreSQL down: health reports it; the next tick tries
                    // again.
                    LOG.warn("Checking the stock counters failed: {}", failure.toString());
                    return Mono.empty();
                }), 1)
            .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = loop;
        if (running != null) {
            running.dispose();
        }
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }

}
