package dev.surge.inventory;

import java.time.Duration;
import java.util.function.Supplier;

import dev.surge.checkout.application.WorkPath;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Runs a background pass every {@code interval} while the application runs, and sooner
 * when woken (work is known to be waiting). One pass at a time: ticks and wake-ups that
 * arrive during a pass are folded into one more pass right after it. A failed pass is
 * logged and the next tick tries again: the failing service is reported by health, not
 * here. Its I/O is {@link WorkPath#BACKGROUND} work.
 */
public final class PeriodicPass implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicPass.class);

    private final String name;

    private final Duration interval;

    private final Supplier<? extends Publisher<?>> pass;

    private final Publisher<?> wakeUps;

    private volatile Disposable loop;

    public PeriodicPass(String name, Duration interval, Supplier<? extends Publisher<?>> pass) {
        this(name, interval, pass, Flux.never());
    }

    public PeriodicPass(String name, Duration interval, Supplier<? extends Publisher<?>> pass, Publisher<?> wakeUps) {
        this.name = name;
        this.interval = interval;
        this.pass = pass;
        this.wakeUps = wakeUps;
    }

    @Override
    public void start() {
        Flux<Object> wakeUpsThatSurvive = Flux.from(wakeUps).cast(Object.class).onErrorResume(failure -> Flux.never());
        loop = Flux.merge(Flux.interval(interval), wakeUpsThatSurvive)
            // One waiting trigger at most, asked for only when the pass before is done.
            .onBackpressureLatest()
            .concatMap(tick -> Flux.from(pass.get()).onErrorResume(failure -> {
                LOG.warn("{} failed: {}", name, failure.toString());
                return Mono.empty();
            }).contextWrite(Context.of(WorkPath.KEY, WorkPath.BACKGROUND)), 0)
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
