package dev.surge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class PeriodicPassTests {

    @Test
    void runsAPassAsSoonAsItIsWokenWithoutWaitingForTheNextTick() {
        AtomicInteger passes = new AtomicInteger();
        Sinks.Many<String> wakeUps = Sinks.many().multicast().directBestEffort();
        PeriodicPass pass = new PeriodicPass("test", Duration.ofHours(1),
                () -> Mono.fromRunnable(passes::incrementAndGet), wakeUps.asFlux());
        pass.start();
        try {
            wakeUps.tryEmitNext("work waiting");
            await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() == 1);
        }
        finally {
            pass.stop();
        }
    }

    @Test
    void foldsWakeUpsDuringAPassIntoOneMorePassAndNeverRunsTwoAtOnce() {
        AtomicInteger passes = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Sinks.Many<String> wakeUps = Sinks.many().multicast().directBestEffort();
        PeriodicPass pass = new PeriodicPass("test", Duration.ofHours(1),
                () -> Mono.fromRunnable(() -> mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max))
                    .then(Mono.delay(Duration.ofMillis(300)))
                    .then(Mono.fromRunnable(() -> {
                        running.decrementAndGet();
                        passes.incrementAndGet();
                    })),
                wakeUps.asFlux());
        pass.start();
        try {
            for (int i = 0; i < 50; i++) {
                wakeUps.tryEmitNext("work waiting");
            }
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 2);
            assertThat(passes.get()).as("passes for 50 wake-ups during the first").isEqualTo(2);
            assertThat(mostAtOnce.get()).isEqualTo(1);
        }
        finally {
            pass.stop();
        }
    }

    @Test
    void keepsTickingWhenTheWakeUpsFail() {
        AtomicInteger passes = new AtomicInteger();
        Sinks.Many<String> wakeUps = Sinks.many().multicast().directBestEffort();
        PeriodicPass pass = new PeriodicPass("test", Duration.ofMillis(50),
                () -> Mono.fromRunnable(passes::incrementAndGet), wakeUps.asFlux());
        pass.start();
        try {
            wakeUps.tryEmitError(new IllegalStateException("listening connection lost"));
            int before = passes.get();
            await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= before + 3);
        }
        finally {
            pass.stop();
        }
    }

}
