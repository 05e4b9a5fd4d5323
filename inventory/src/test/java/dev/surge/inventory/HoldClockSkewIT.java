package dev.surge.inventory;

import static dev.surge.inventory.InventoryFixture.anyReservationId;
import static dev.surge.inventory.InventoryFixture.lines;
import static dev.surge.inventory.InventoryFixture.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationOutcome.AlreadyEnded;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import dev.surge.inventory.InventoryFixture.Pod;
import dev.surge.testing.TestInfrastructure;
import dev.surge.testing.TestTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

/**
 * Two instances of the application on the same Redis, one whose clock runs seven minutes
 * ahead and one seven minutes behind (and both a year and more off when CI shifts the
 * test clocks): holds follow Redis's clock, so neither instance ends a hold before its
 * TTL or keeps it after, and a retry within the retention is recognised whichever
 * instance wrote the hold. On a single Redis and on a Redis Cluster.
 */
class HoldClockSkewIT {

    private static final Duration SKEW = Duration.ofMinutes(7);

    /** Short, because these holds expire by Redis's clock, which no test can move. */
    private static final Duration SHORT_TTL = Duration.ofSeconds(2);

    private static final Duration RETENTION = Duration.ofMinutes(2);

    private InventoryFixture fixture;

    private Pod ahead;

    private Pod behind;

    private void start(boolean cluster) {
        if (cluster) {
            Assumptions.assumeTrue(TestInfrastructure.redisClusterAvailable(),
                    "no Redis Cluster: set SURGE_TEST_REDIS_CLUSTER or install redis-server (redis-server, redis-cli)");
        }
        fixture = new InventoryFixture(getClass().getSimpleName(), cluster, SHORT_TTL, RETENTION);
        ahead = fixture.pod(HoldClock.REDIS, Clock.offset(Clock.systemUTC(), TestTime.shift().plus(SKEW)));
        behind = fixture.pod(HoldClock.REDIS, Clock.offset(Clock.systemUTC(), TestTime.shift().minus(SKEW)));
    }

    @AfterEach
    void closeFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @ParameterizedTest(name = "cluster: {0}")
    @ValueSource(booleans = { false, true })
    void commitsAHoldWithinItsTtlWhicheverInstanceWroteIt(boolean cluster) {
        start(cluster);
        for (Pod[] writerThenCommitter : new Pod[][] { { behind, ahead }, { ahead, behind } }) {
            Sku mug = stocked("MUG", 5);
            Sku tee = stocked("TEE", 5);
            ReservationId id = anyReservationId();
            writerThenCommitter[0].reservations().reserve(id, lines(mug, 2, tee, 1), Duration.ofMinutes(1)).block();

            // The instance ahead sweeps, finds nothing due, and the hold is committed.
            StepVerifier.create(ahead.sweeper().sweep()).verifyComplete();
            StepVerifier.create(writerThenCommitter[1].reservations().commit(id))
                .expectNext(ReservationState.COMMITTED)
                .verifyComplete();
            assertLevel(mug, 3, 0);
            assertLevel(tee, 4, 0);
        }
    }

    @ParameterizedTest(name = "cluster: {0}")
    @ValueSource(booleans = { false, true })
    void endsAHoldOnceItsTtlHasPassedByRedisClockWhicheverInstanceSweeps(boolean cluster) {
        start(cluster);
        for (Pod[] writerThenSweeper : new Pod[][] { { ahead, behind }, { behind, ahead } }) {
            Sku mug = stocked("MUG", 5);
            ReservationId id = anyReservationId();
            long reservedBefore = System.nanoTime();
            writerThenSweeper[0].reservations().reserve(id, lines(mug, 2), SHORT_TTL).block();
            assertLevel(mug, 5, 2);

            Duration held = sweepUntilExpired(writerThenSweeper[1], id, reservedBefore);

            assertThat(held).as("held for at least its TTL").isGreaterThanOrEqualTo(SHORT_TTL);
            assertLevel(mug, 5, 0);
        }
    }

    @ParameterizedTest(name = "cluster: {0}")
    @ValueSource(booleans = { false, true })
    void recognisesARetryWithinTheRetentionWhicheverInstanceWroteTheHold(boolean cluster) {
        start(cluster);
        InventoryKeys keys = new InventoryKeys(fixture.properties.keyPrefix());
        for (Pod[] writerThenRetrier : new Pod[][] { { behind, ahead }, { ahead, behind } }) {
            Sku mug = stocked("MUG", 5);
            ReservationId id = anyReservationId();
            long reservedBefore = System.nanoTime();
            writerThenRetrier[0].reservations().reserve(id, lines(mug, 2), SHORT_TTL).block();

            // Redis forgets the hold's record the retention after its expiry, by its own
            // clock.
            String tag = ReservationPlan.of(lines(mug, 2), cluster).groups().getFirst().tag();
            for (String key : List.of(keys.directory(id), keys.record(tag, id))) {
                assertThat(fixture.redis.keys().pttl(key).block()).as("time left to live of %s", key)
                    .isGreaterThan(RETENTION.toMillis())
                    .isLessThanOrEqualTo(SHORT_TTL.plus(RETENTION).toMillis());
            }

            sweepUntilExpired(writerThenRetrier[0], id, reservedBefore);
            StepVerifier.create(writerThenRetrier[1].reservations().reserve(id, lines(mug, 2), SHORT_TTL))
                .expectNext(new AlreadyEnded(id, ReservationState.EXPIRED))
                .verifyComplete();
            assertLevel(mug, 5, 0);
        }
    }

    /**
     * Sweeps from {@code sweeper} until it reports {@code id} expired; answers how long
     * after {@code reservedBefore} (a {@link System#nanoTime()}) that was.
     */
    private Duration sweepUntilExpired(Pod sweeper, ReservationId id, long reservedBefore) {
        while (true) {
            List<ReservationId> expired = sweeper.sweeper().sweep().collectList().block();
            Duration since = Duration.ofNanos(System.nanoTime() - reservedBefore);
            if (expired.contains(id)) {
                return since;
            }
            if (since.compareTo(SHORT_TTL.plusSeconds(20)) > 0) {
                fail("reservation %s was not expired %s after it was made", id, since);
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private Sku stocked(String name, int onHand) {
        Sku sku = sku(name);
        behind.reservations().setOnHand(sku, onHand).block();
        return sku;
    }

    private void assertLevel(Sku sku, int onHand, int reserved) {
        StepVerifier.create(ahead.reservations().levels(List.of(sku)))
            .expectNext(new StockLevel(sku, onHand, reserved))
            .verifyComplete();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
