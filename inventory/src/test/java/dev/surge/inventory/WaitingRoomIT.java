package dev.surge.inventory;

import static dev.surge.inventory.InventoryFixture.anyReservationId;
import static dev.surge.inventory.InventoryFixture.lines;
import static dev.surge.inventory.InventoryFixture.sku;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.domain.Buyer;
import dev.surge.checkout.domain.QueueTicket;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.QueueStatus;
import dev.surge.checkout.port.RecordedStock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A SKU's waiting room, held by the reservation script on real Redis: shoppers are given
 * places in the order they come and admitted at the room's rate (on the test's clock), a
 * place is kept by its token, a buyer's place is theirs alone and its admission buys one
 * hold, lapsed admissions leave the room, and a sold-out SKU answers out of stock at once
 * instead of a place in the queue.
 */
class WaitingRoomIT {

    private static final Duration TTL = Duration.ofMinutes(10);

    private InventoryFixture fixture;

    private RedisStockReservations reservations;

    @BeforeEach
    void start() {
        fixture = new InventoryFixture(getClass().getSimpleName());
        reservations = fixture.reservations;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Sku queuedSku(int onHand, int admitPerSecond) {
        return queuedSku("HOT", onHand, admitPerSecond);
    }

    private Sku queuedSku(String name, int onHand, int admitPerSecond) {
        Sku sku = sku(name);
        reservations.setOnHand(sku, onHand).block();
        reservations.queue(sku, admitPerSecond).block();
        return sku;
    }

    private ReservationOutcome reserve(Sku sku, @Nullable String token) {
        return reservations.reserve(anyReservationId(), lines(sku, 1), TTL, null, token).block();
    }

    private ReservationOutcome reserve(Sku sku, Buyer buyer, @Nullable String token) {
        return reservations.reserve(anyReservationId(), lines(sku, 1), TTL, buyer, token).block();
    }

    private long placesIn(Sku sku) {
        return fixture.redis.sortedSets()
            .zcard(new InventoryKeys(fixture.properties.keyPrefix()).waitingRoom(sku))
            .block();
    }

    private static QueueTicket ticket(ReservationOutcome outcome) {
        assertThat(outcome).isInstanceOf(ReservationOutcome.Queued.class);
        return ((ReservationOutcome.Queued) outcome).ticket();
    }

    @Test
    void shoppersAreAdmittedInTheOrderTheyCameAtTheRoomsRate() {
        Sku hot = queuedSku(100, 10);

        assertThat(reserve(hot, null)).as("the first comes straight in")
            .isInstanceOf(ReservationOutcome.Reserved.class);
        List<QueueTicket> tickets = new ArrayList<>();
        for (int shopper = 1; shopper <= 30; shopper++) {
            tickets.add(ticket(reserve(hot, null)));
        }
        for (int i = 0; i < tickets.size(); i++) {
            assertThat(tickets.get(i).position()).as("place of shopper %d", i + 2).isEqualTo(i + 1);
            assertThat(tickets.get(i).admittedAt())
                .isEqualTo(fixture.clock.instant().plus(Duration.ofMillis(100L * (i + 1))));
            assertThat(tickets.get(i).token()).endsWith("." + hot.value());
        }

        fixture.clock.advance(Duration.ofMillis(150));
        assertThat(reserve(hot, tickets.get(0).token())).as("admitted").isInstanceOf(ReservationOutcome.Reserved.class);
        QueueTicket stillWaiting = ticket(reserve(hot, tickets.get(1).token()));
        assertThat(stillWaiting.token()).isEqualTo(tickets.get(1).token());
        assertThat(stillWaiting.admittedAt()).isEqualTo(tickets.get(1).admittedAt());
        assertThat(stillWaiting.position()).isEqualTo(1);
        assertThat(ticket(reserve(hot, "forged-token")).position()).as("an unknown token queues at the end")
            .isEqualTo(31 - 1);
        assertThat(reservations.queueStatus(tickets.get(5).token()).block()).satisfies(status -> {
            assertThat(status.position()).isEqualTo(5);
            assertThat(status.admitted()).isFalse();
            assertThat(status.soldOut()).isFalse();
        });
    }

    @Test
    void aBuyersPlaceIsTheirOwnAndItsAdmissionBuysOneHold() {
        Sku hot = queuedSku(100, 10);
        Buyer ada = Buyer.guest("ada@example.com");
        Buyer bot = Buyer.guest("bot@example.com");
        assertThat(reserve(hot, null)).isInstanceOf(ReservationOutcome.Reserved.class);

        QueueTicket adas = ticket(reserve(hot, ada, null));
        assertThat(ticket(reserve(hot, ada, null))).as("back without her token: her own place, not a second")
            .isEqualTo(adas);
        assertThat(ticket(reserve(hot, ada, "0123456789abcdef0123456789abcdef." + hot.value())))
            .as("with someone else's token: still her own place")
            .isEqualTo(adas);
        QueueTicket bots = ticket(reserve(hot, bot, adas.token()));
        assertThat(bots.token()).as("her token is worth nothing to another buyer").isNotEqualTo(adas.token());
        assertThat(bots.position()).isEqualTo(adas.position() + 1);

        fixture.clock.advance(Duration.between(fixture.clock.instant(), adas.admittedAt()));
        assertThat(reserve(hot, bot, adas.token())).as("her admission is hers")
            .isInstanceOf(ReservationOutcome.Queued.class);
        assertThat(reserve(hot, ada, null)).isInstanceOf(ReservationOutcome.Reserved.class);
        QueueTicket again = ticket(reserve(hot, ada, adas.token()));
        assertThat(again.admittedAt()).as("the admission bought one hold: another one queues at the end")
            .isAfter(bots.admittedAt());
    }

    @Test
    void aBuyerHasOnePlaceInARoomWhateverElseTheirCartHolds() {
        Sku hot = queuedSku(100, 10);
        Sku other = queuedSku("OTHER", 100, 100);
        Buyer ada = Buyer.guest("ada@example.com");
        assertThat(reserve(hot, null)).isInstanceOf(ReservationOutcome.Reserved.class);

        QueueTicket alone = ticket(reserve(hot, ada, null));
        long places = placesIn(hot);
        QueueTicket together = ticket(
                reservations.reserve(anyReservationId(), lines(other, 1, hot, 1), TTL, ada, null).block());
        assertThat(together).as("the hot room admits her last: her one place there").isEqualTo(alone);
        assertThat(placesIn(hot)).isEqualTo(places);
    }

    @Test
    void admissionsUnusedPastTheirValidityLeaveTheRoom() {
        Sku hot = queuedSku(1_000, 100);
        for (int shopper = 0; shopper < 50; shopper++) {
            reserve(hot, Buyer.guest("shopper-" + shopper + "@example.com"), null);
        }
        assertThat(placesIn(hot)).as("the first came straight in and spent the admission").isEqualTo(49);

        fixture.clock.advance(RedisStockReservations.ADMISSION_VALIDITY.plusSeconds(1));
        assertThat(reserve(hot, Buyer.guest("late@example.com"), null)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(placesIn(hot)).as("the lapsed admissions are gone, the late shopper's spent").isZero();
    }

    @Test
    void aBasketWaitsForItsLastRoomWithoutLosingThePlaceItHasInTheOthers() {
        Sku fast = queuedSku(100, 100);
        Sku slow = queuedSku("SLOW", 100, 1);
        Buyer ada = Buyer.guest("ada@example.com");
        // The slow room's queue is 15 minutes long: longer than an admission lasts.
        for (int shopper = 0; shopper < 900; shopper++) {
            reserve(slow, Buyer.guest("shopper-" + shopper + "@example.com"), null);
        }

        QueueTicket both = ticket(
                reservations.reserve(anyReservationId(), lines(fast, 1, slow, 1), TTL, ada, null).block());
        fixture.clock.advance(Duration.between(fixture.clock.instant(), both.admittedAt()));
        assertThat(reservations.reserve(anyReservationId(), lines(fast, 1, slow, 1), TTL, ada, both.token()).block())
            .as("admitted to both at the slow room's turn, the fast room's place still valid")
            .isInstanceOf(ReservationOutcome.Reserved.class);
    }

    @Test
    void aSoldOutSkuAnswersOutOfStockAtOnceNotAtTheEndOfTheWait() {
        Sku hot = queuedSku(2, 1);
        assertThat(reserve(hot, null)).isInstanceOf(ReservationOutcome.Reserved.class);
        QueueTicket waiting = ticket(reserve(hot, null));
        fixture.clock.advance(Duration.ofMillis(10));
        assertThat(reserve(hot, waiting.token())).isInstanceOf(ReservationOutcome.Queued.class);

        // The last unit goes (a count finds one fewer): the shopper learns it at once, in
        // the checkout and in
        // the status, 990 ms before their turn.
        reservations.setOnHand(hot, 1).block();
        assertThat(reserve(hot, waiting.token())).isInstanceOf(ReservationOutcome.OutOfStock.class);
        QueueStatus status = reservations.queueStatus(waiting.token()).block();
        assertThat(status.soldOut()).isTrue();
        assertThat(status.admitted()).isFalse();
    }

    @Test
    void aClosedRoomAdmitsEveryoneAndTheRoomIsLoadedWithTheCounters() {
        Sku hot = queuedSku(100, 1);
        assertThat(reserve(hot, null)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(hot, null)).isInstanceOf(ReservationOutcome.Queued.class);
        reservations.queue(hot, null).block();
        assertThat(reserve(hot, null)).isInstanceOf(ReservationOutcome.Reserved.class);

        Sku loaded = sku("LOADED");
        reservations.loadIfMissing(new RecordedStock(loaded, 10, 0, 0, null, 1)).block();
        assertThat(reserve(loaded, null)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(loaded, null)).as("the room came with the counters")
            .isInstanceOf(ReservationOutcome.Queued.class);
        assertThat(reservations.queueStatus("not-a-token").blockOptional()).isEmpty();
    }

}
