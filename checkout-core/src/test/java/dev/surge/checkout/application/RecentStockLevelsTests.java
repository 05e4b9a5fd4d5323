package dev.surge.checkout.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.domain.Sku;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class RecentStockLevelsTests {

    private static final Sku MUG = Sku.of("MUG-S");

    private static final Sku CUP = Sku.of("CUP-L");

    private final AtomicLong clock = new AtomicLong();

    private final CountingStockLevels store = new CountingStockLevels().with(MUG, 12).with(CUP, 3);

    private final RecentStockLevels shown = new RecentStockLevels(store, Duration.ofSeconds(1), clock::get);

    @Test
    void answersFromMemoryWhileTheLevelIsYoungerThanTheMaximumAge() {
        StepVerifier.create(shown.available(List.of(MUG))).expectNext(Map.of(MUG, 12)).verifyComplete();
        store.with(MUG, 11);
        clock.addAndGet(Duration.ofMillis(999).toNanos());

        StepVerifier.create(shown.available(List.of(MUG))).expectNext(Map.of(MUG, 12)).verifyComplete();
        assertThat(store.lookups).hasValue(1);
    }

    @Test
    void readsTheStoreAgainOnceTheLevelIsAsOldAsTheMaximumAge() {
        StepVerifier.create(shown.available(List.of(MUG))).expectNextCount(1).verifyComplete();
        store.with(MUG, 11);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());

        StepVerifier.create(shown.available(List.of(MUG))).expectNext(Map.of(MUG, 11)).verifyComplete();
        assertThat(store.lookups).hasValue(2);
    }

    @Test
    void readsOnlyTheStaleLevelsOfAPageInOneLookUp() {
        StepVerifier.create(shown.available(List.of(MUG))).expectNextCount(1).verifyComplete();
        store.with(MUG, 5).with(CUP, 2);

        StepVerifier.create(shown.available(List.of(MUG, CUP))).expectNext(Map.of(MUG, 12, CUP, 2)).verifyComplete();
        assertThat(store.lookups).hasValue(2);
        assertThat(store.asked).containsExactly(List.of(MUG), List.of(CUP));
    }

    @Test
    void showsASkuTheStoreDoesNotKnowAsNoneAvailable() {
        var unknown = Sku.of("GONE-1");

        StepVerifier.create(shown.available(List.of(unknown))).expectNext(Map.of(unknown, 0)).verifyComplete();
    }

    @Test
    void aZeroMaximumAgeReadsTheStoreEveryTime() {
        var always = new RecentStockLevels(store, Duration.ZERO, clock::get);

        StepVerifier.create(always.available(List.of(MUG))).expectNextCount(1).verifyComplete();
        StepVerifier.create(always.available(List.of(MUG))).expectNextCount(1).verifyComplete();
        assertThat(store.lookups).hasValue(2);
    }

    @Test
    void recentLevelsComeFromMemoryOnlyAndOmitWhatIsStale() {
        StepVerifier.create(shown.available(List.of(MUG))).expectNextCount(1).verifyComplete();

        assertThat(shown.recent(List.of(MUG, CUP))).isEqualTo(Map.of(MUG, 12));
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(shown.recent(List.of(MUG, CUP))).isEmpty();
        assertThat(store.lookups).hasValue(1);
    }

    @Test
    void aRememberedLevelIsShownUntilItIsAsOldAsTheMaximumAge() {
        shown.remember(Map.of(CUP, 0));

        StepVerifier.create(shown.available(List.of(CUP))).expectNext(Map.of(CUP, 0)).verifyComplete();
        assertThat(store.lookups).hasValue(0);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        StepVerifier.create(shown.available(List.of(CUP))).expectNext(Map.of(CUP, 3)).verifyComplete();
    }

    @Test
    void anEmptyRequestTouchesNothing() {
        StepVerifier.create(shown.available(List.of())).expectNext(Map.of()).verifyComplete();
        assertThat(store.lookups).hasValue(0);
    }

}
