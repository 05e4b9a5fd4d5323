package dev.surge.api.wiring;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.surge.checkout.application.CheckStockCounters;
import dev.surge.checkout.application.CheckStockCounters.Pass;
import dev.surge.checkout.application.CheckStockCounters.Verdict;
import dev.surge.checkout.domain.Sku;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

/**
 * What the stock counter checks found: each pass counted per verdict in
 * {@code surge.stock.counters.checked} (a repair is an alert: the counters had lost sales
 * or drifted), logged when not clean, and the last pass in health as
 * {@code stockCounters}: {@code UP} when it was clean, {@code DEGRADED} (HTTP 200) when
 * it repaired counters or found the record behind them. Not part of readiness: the
 * repaired counters sell correctly again.
 */
final class StockCountersCheck implements ReactiveHealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(StockCountersCheck.class);

    private static final Status DEGRADED = new Status("DEGRADED", "stock counters were found out of step");

    private final CheckStockCounters check;

    private final MeterRegistry meters;

    private final AtomicReference<@Nullable Pass> last = new AtomicReference<>();

    StockCountersCheck(CheckStockCounters check, MeterRegistry meters) {
        this.check = check;
        this.meters = meters;
    }

    /** Repairs counters a reservation found gone back in time, reported. */
    Mono<Void> repair(List<Sku> skus) {
        LOG.warn("Stock counters of {} went back in time (Redis lost sales it had made); repairing them from the "
                + "stock of record before holding", skus);
        return check.repair(skus);
    }

    /** One pass, reported. */
    Mono<Pass> pass() {
        return check.checkAll().doOnNext(this::report);
    }

    private void report(Pass pass) {
        for (Verdict verdict : Verdict.values()) {
            meters.counter("surge.stock.counters.checked", "verdict", verdict.name().toLowerCase())
                .increment(pass.count(verdict));
        }
        if (!pass.clean()) {
            LOG.warn(
                    "Stock counters out of step with the stock of record: {} missing (loaded), {} behind and {} "
                            + "adrift (repaired), {} with the record behind them (reported), of {} SKUs",
                    pass.count(Verdict.MISSING), pass.count(Verdict.BEHIND), pass.count(Verdict.ADRIFT),
                    pass.count(Verdict.RECORD_BEHIND), pass.checked());
        }
        last.set(pass);
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(() -> {
            Pass pass = last.get();
            if (pass == null) {
                return Health.up().withDetail("lastPass", "none yet").build();
            }
            return (pass.clean() ? Health.up() : Health.status(DEGRADED)).withDetail("lastPassAt", pass.at().toString())
                .withDetail("checked", pass.checked())
                .withDetail("missing", pass.count(Verdict.MISSING))
                .withDetail("behind", pass.count(Verdict.BEHIND))
                .withDetail("adrift", pass.count(Verdict.ADRIFT))
                .withDetail("recordBehind", pass.count(Verdict.RECORD_BEHIND))
                .build();
        });
    }

}
