package dev.surge.inventory;

import static dev.surge.inventory.InventoryFixture.anyReservationId;
import static dev.surge.inventory.InventoryFixture.lines;
import static dev.surge.inventory.InventoryFixture.sku;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.domain.Buyer;
import dev.surge.checkout.domain.CappedLine;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.PurchaseLimit;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.RecordedStock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

/**
 * Per-buyer limits held by the reservation script itself, on real Redis, single and
 * Cluster: a buyer's holds and purchases of a SKU never pass its limit, however their
 * checkouts race; a hold given back or expired stops counting, a sale keeps counting
 * until the window has passed; other buyers, and reservations without a buyer, are not
 * limited.
 */
class PurchaseLimitsIT {

    private static final Duration TTL = Duration.ofMinutes(10);

    private static final PurchaseLimit TWO_A_DAY = new PurchaseLimit(2, Duration.ofHours(24));

    private InventoryFixture fixture;

    private RedisStockReservations reservations;

    private final Buyer ada = Buyer.customer(new CustomerId("ada"));

    private final Buyer guest = Buyer.guest("grace@example.com");

    private void start(boolean cluster) {
        fixture = InventoryFixture.on(getClass().getSimpleName(), cluster);
        reservations = fixture.reservations;
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private Sku limitedSku(int onHand) {
        Sku sku = sku("LIMITED");
        reservations.setOnHand(sku, onHand).block();
        reservations.limit(sku, TWO_A_DAY).block();
        return sku;
    }

    private ReservationOutcome reserve(ReservationId id, Buyer buyer, Object... skuAndQuantity) {
        return reservations.reserve(id, lines(skuAndQuantity), TTL, buyer).block();
    }

    private ReservationOutcome reserve(Buyer buyer, Object... skuAndQuantity) {
        return reserve(anyReservationId(), buyer, skuAndQuantity);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void aBuyerHoldsNoMoreThanTheLimitAcrossCheckoutsWhileOthersAreNotLimited(boolean cluster) {
        start(cluster);
        Sku limited = limitedSku(100);
        Sku free = sku("FREE");
        reservations.setOnHand(free, 100).block();

        assertThat(reserve(ada, limited, 1, free, 5)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(ada, limited, 2, free, 1)).as("one more is all Ada may have")
            .isEqualTo(new ReservationOutcome.PurchaseCapped(List.of(new CappedLine(limited, 2, 1))));
        assertThat(reserve(ada, limited, 1)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(ada, limited, 1))
            .isEqualTo(new ReservationOutcome.PurchaseCapped(List.of(new CappedLine(limited, 1, 0))));

        assertThat(reserve(guest, limited, 2)).as("another buyer").isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reservations.reserve(anyReservationId(), lines(limited, 5), TTL)).as("no buyer, no limit")
            .satisfies(outcome -> assertThat(outcome.block()).isInstanceOf(ReservationOutcome.Reserved.class));
        assertThat(reservations.available(List.of(limited)).block()).containsEntry(limited, 100 - 2 - 2 - 5);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void aHoldGivenBackOrExpiredStopsCountingASaleKeepsCountingForTheWindow(boolean cluster) {
        start(cluster);
        Sku limited = limitedSku(100);
        ReservationId released = anyReservationId();
        ReservationId sold = anyReservationId();
        assertThat(reserve(released, ada, limited, 1)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(sold, ada, limited, 1)).isInstanceOf(ReservationOutcome.Reserved.class);

        reservations.release(released).block();
        reservations.commit(sold).block();
        assertThat(reserve(ada, limited, 1)).as("the released unit is Ada's again")
            .isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(ada, limited, 1)).as("the sold unit still counts")
            .isInstanceOf(ReservationOutcome.PurchaseCapped.class);

        // The open hold expires (the sweeper gives it back); the sale is older than the
        // window after a day.
        fixture.clock.advance(TTL.plusSeconds(1));
        fixture.sweeper.sweep().blockLast();
        assertThat(reserve(ada, limited, 1)).isInstanceOf(ReservationOutcome.Reserved.class);
        fixture.clock.advance(Duration.ofHours(24));
        assertThat(reserve(ada, limited, 1)).as("a day later the sale is out of the window")
            .isInstanceOf(ReservationOutcome.Reserved.class);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void fiftyRacingCheckoutsOfOneBuyerHoldExactlyTheLimit(boolean cluster) {
        start(cluster);
        Sku limited = limitedSku(1_000);

        Map<Class<?>, Long> outcomes = Flux.range(0, 50)
            .flatMap(attempt -> reservations.reserve(anyReservationId(), lines(limited, 1), TTL, guest), 50)
            .collect(Collectors.groupingBy(Object::getClass, Collectors.counting()))
            .block(Duration.ofSeconds(30));

        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(
                Map.of(ReservationOutcome.Reserved.class, 2L, ReservationOutcome.PurchaseCapped.class, 48L));
        assertThat(reservations.available(List.of(limited)).block()).containsEntry(limited, 998);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void buyersWhoseHoldsAllLeftTheWindowAreForgotten(boolean cluster) {
        start(cluster);
        Sku limited = limitedSku(1_000);
        for (int buyer = 0; buyer < 30; buyer++) {
            var held = (ReservationOutcome.Reserved) reserve(Buyer.guest("buyer-" + buyer + "@example.com"), limited,
                    1);
            reservations.commit(held.reservation().id()).block();
        }
        assertThat(buyersOf(limited)).isEqualTo(30);

        fixture.clock.advance(Duration.ofHours(25));
        assertThat(reserve(ada, limited, 2)).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(buyersOf(limited)).as("only the window's buyer is left").isEqualTo(1);
    }

    private long buyersOf(Sku sku) {
        return fixture.redis.hashes().hlen(new InventoryKeys(fixture.properties.keyPrefix()).buyers(sku)).block();
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void theLimitComesAndGoesAndIsLoadedWithTheCounters(boolean cluster) {
        start(cluster);
        Sku limited = limitedSku(100);
        reservations.limit(limited, null).block();
        assertThat(reserve(ada, limited, 3)).as("limit removed").isInstanceOf(ReservationOutcome.Reserved.class);

        reservations.limit(limited, TWO_A_DAY).block();
        reservations.loadIfMissing(RecordedStock.first(limited, 100)).block();
        assertThat(reserve(ada, limited, 3)).as("a variant added again loads with no limit: the one in force stays")
            .isInstanceOf(ReservationOutcome.PurchaseCapped.class);

        Sku loaded = sku("LOADED");
        reservations.loadIfMissing(new RecordedStock(loaded, 50, 0, 0, new PurchaseLimit(1, Duration.ofHours(1))))
            .block();
        assertThat(reserve(ada, loaded, 2)).as("a limit loaded with the counters")
            .isEqualTo(new ReservationOutcome.PurchaseCapped(List.of(new CappedLine(loaded, 2, 1))));

        // Counters lost; a limit set while the start-up read the stock of record is newer
        // than the one it read.
        Sku relimited = sku("RELIMITED");
        reservations.limit(relimited, TWO_A_DAY).block();
        reservations.loadIfMissing(new RecordedStock(relimited, 50, 0, 0, new PurchaseLimit(1, Duration.ofHours(1))))
            .block();
        assertThat(reserve(ada, relimited, 2)).as("the limit set meanwhile stays")
            .isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(reserve(ada, relimited, 1)).isInstanceOf(ReservationOutcome.PurchaseCapped.class);
    }

}
