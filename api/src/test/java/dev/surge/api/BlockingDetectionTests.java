package dev.surge.api;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Proves BlockHound guards the whole suite: blocking on a non-blocking thread fails
 * instead of passing quietly.
 */
class BlockingDetectionTests {

    @Test
    void failsABlockingCallOnANonBlockingThread() {
        Mono<Long> blocking = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1L;
        }).subscribeOn(Schedulers.parallel());

        StepVerifier.create(blocking).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(5));
    }

    @Test
    void allowsTheSameCallOnTheBoundedElasticScheduler() {
        Mono<Long> offloaded = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1L;
        }).subscribeOn(Schedulers.boundedElastic());

        StepVerifier.create(offloaded).expectNext(1L).verifyComplete();
    }

}
