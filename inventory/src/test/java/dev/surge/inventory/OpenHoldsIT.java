package dev.surge.inventory;

import static dev.surge.inventory.InventoryFixture.anyReservationId;
import static dev.surge.inventory.InventoryFixture.lines;
import static dev.surge.inventory.InventoryFixture.sku;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.domain.Buyer;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.StockReservations.Holder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

/**
 * A buyer's open holds (their orders waiting for payment) bounded by the reservations
 * themselves, on real Redis, single and Cluster: never more at once than allowed however
 * the buyer's checkouts race; a hold committed, given back or expired makes room; a retry
 * is not counted twice, nor a retry of a hold paid for; a refused reservation holds
 * nothing and counts nothing.
 */
class OpenHoldsIT {

    private static final Duration TTL = Duration.ofMinutes(10);

    private static final int THREE = 3;

    private InventoryFixture fixture;

    private RedisStockReservations reservations;

    private final Buyer ada = Buyer.customer(new CustomerId("ada"));

    private final Buyer grace = Buyer.guest("grace@example.com");

    private Sku stocked;

    private void start(boolean cluster) {
        fixture = InventoryFixture.on(getClass().getSimpleName(), cluster);
        reservations = fixture.reservations;
        stocked = sku("STOCKED");
        reservations.setOnHand(stocked, 1_000).block();
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private ReservationOutcome reserve(ReservationId id, Buyer buyer, Object... skuAndQuantity) {
        return reservations.reserve(id, lines(skuAndQuantity), TTL, new Holder(buyer, THREE, null)).block();
    }

    private ReservationOutcome reserve(Buyer buyer) {
        return reserve(anyReservationId(), buyer, stocked, 1);
    }

    private int available() {
        return reservations.available(List.of(stocked)).block().get(stocked);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void aBuyerHasNoMoreHoldsAtOnceThanAllowedWhileOthersAreNotBounded(boolean cluster) {
        start(cluster);
        for (int i = 0; i < THREE; i++) {
            assertThat(reserve(ada)).isInstanceOf(ReservationOutcome.Reserved.class);
        }

        assertThat(reserve(ada)).as("a fourth open order").isEqualTo(new ReservationOutcome.TooManyOpenHolds(THREE));
        assertThat(available()).as("the refused one holds nothing").isEqualTo(1_000 - THREE);

        assertThat(reserve(grace)).as("another buyer").isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reservations.reserve(anyReservationId(), lines(stocked, 1), TTL, ada).block())
            .as("no bound asked for")
            .isInstanceOf(ReservationOutcome.Reserved.class);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void aHoldCommittedGivenBackOrExpiredMakesRoomAtOnce(boolean cluster) {
        start(cluster);
        ReservationId paid = anyReservationId();
        ReservationId cancelled = anyReservationId();
        assertThat(reserve(paid, ada, stocked, 1)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(cancelled, ada, stocked, 1)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(ada)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(ada)).isInstanceOf(ReservationOutcome.TooManyOpenHolds.class);

        assertThat(reservations.commit(paid).block()).isEqualTo(ReservationState.COMMITTED);
        assertThat(reserve(ada)).as("paid: room for one").isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(ada)).isInstanceOf(ReservationOutcome.TooManyOpenHolds.class);

        assertThat(reservations.release(cancelled).block()).isEqualTo(ReservationState.RELEASED);
        assertThat(reserve(ada)).as("cancelled: room for one").isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(ada)).isInstanceOf(ReservationOutcome.TooManyOpenHolds.class);

        // Expired holds stop counting by themselves, before any sweeper has given them
        // back.
        fixture.clock.advance(TTL.plusSeconds(1));
        for (int i = 0; i < THREE; i++) {
            assertThat(reserve(ada)).as("after the holds ran out").isInstanceOf(ReservationOutcome.Reserved.class);
        }
        assertThat(reserve(ada)).isInstanceOf(ReservationOutcome.TooManyOpenHolds.class);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void aRetryIsNotCountedTwiceAndARefusedReservationCountsNothing(boolean cluster) {
        start(cluster);
        ReservationId retried = anyReservationId();
        for (int i = 0; i < 4; i++) {
            assertThat(reserve(retried, ada, stocked, 1)).as("the same reservation, tried again")
                .isInstanceOf(ReservationOutcome.Reserved.class);
        }
        Sku scarce = sku("SCARCE");
        reservations.setOnHand(scarce, 1).block();
        // On a cluster the scarce SKU may sit in another slot group, refused after the
        // first group was held: both the hold and its count are given back.
        assertThat(reserve(anyReservationId(), ada, stocked, 1, scarce, 2))
            .isInstanceOf(ReservationOutcome.OutOfStock.class);

        assertThat(reserve(ada)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(ada)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(ada)).as("the retry and two more are three")
            .isInstanceOf(ReservationOutcome.TooManyOpenHolds.class);
        assertThat(available()).isEqualTo(1_000 - THREE);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void aRetryOfAHoldAlreadyPaidForNeitherCountsAgainNorLosesItsRecord(boolean cluster) {
        start(cluster);
        ReservationId paid = anyReservationId();
        assertThat(reserve(paid, ada, stocked, 1)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reservations.commit(paid).block()).isEqualTo(ReservationState.COMMITTED);

        assertThat(reserve(paid, ada, stocked, 1)).as("the paid reservation, tried again")
            .isInstanceOf(ReservationOutcome.Reserved.class);
        for (int i = 0; i < THREE; i++) {
            assertThat(reserve(ada)).as("the paid one is not open: room for three")
                .isInstanceOf(ReservationOutcome.Reserved.class);
        }

        // Tried again with the buyer's bound reached: whatever it answers, the record of
        // the paid hold stays, so it is neither held again nor forgotten.
        reserve(paid, ada, stocked, 1);
        assertThat(reservations.commit(paid).block()).isEqualTo(ReservationState.COMMITTED);
        assertThat(available()).as("one sold, three held").isEqualTo(1_000 - 1 - THREE);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void fiftyRacingCheckoutsOfOneBuyerHoldExactlyTheBound(boolean cluster) {
        start(cluster);

        Map<Class<?>, Long> outcomes = Flux.range(0, 50)
            .flatMap(attempt -> reservations.reserve(anyReservationId(), lines(stocked, 1), TTL,
                    new Holder(grace, THREE, null)), 50)
            .collect(Collectors.groupingBy(Object::getClass, Collectors.counting()))
            .block(Duration.ofSeconds(30));

        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of(ReservationOutcome.Reserved.class, (long) THREE,
                ReservationOutcome.TooManyOpenHolds.class, 50L - THREE));
        assertThat(available()).isEqualTo(1_000 - THREE);
    }

}
