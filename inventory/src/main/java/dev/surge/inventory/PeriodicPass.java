package dev.surge.inventory;

import java.time.Duration;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a background pass every {@code interval} while the application runs, one pass at a
 * time (a tick that finds the previous pass still running is dropped). A failed pass is
 * logged and the next tick tries again: the failing service is reported by health, not
 * here.
 */
public final class PeriodicPass implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicPass.class);

    private final String name;

    private final Duration interval;

    private final Supplier<? extends Publisher<?>> pass;

    private volatile Disposable loop;

    public PeriodicPass(String name, Duration interval, Supplier<? extends Publisher<?>> pass) {
        this.name = name;
        this.interval = interval;
        this.pass = pass;
    }

    @Override
    public void start() {
        loop = Flux.interval(interval)
            .onBackpressureDrop()
            .concatMap(tick -> Flux.from(pass.get()).onErrorResume(failure -> {
                LOG.warn("{} failed: {}", name, failure.toString());
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
