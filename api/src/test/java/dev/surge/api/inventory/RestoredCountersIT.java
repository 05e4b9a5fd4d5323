package dev.surge.api.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.checkout.application.CommitReservation;
import dev.surge.checkout.application.SetStockOnHand;
import dev.surge.checkout.domain.Quantity;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.Shortfall;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.StockReservations;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import reactor.test.StepVerifier;

/**
 * Redis comes back from an older snapshot between two sales (issue #15, item 1): its
 * counters show units already sold as on hand. The next reservation of such a SKU finds
 * its tally of units sold below one this process saw, has the counters repaired from the
 * stock of record before holding anything, and sells only what is left. The periodic
 * check is kept out of the way (an hour), so only the reservation can catch it.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(properties = "surge.inventory.counter-check-interval=1h")
class RestoredCountersIT {

    private static final Duration HOLD = Duration.ofMinutes(5);

    @Autowired
    StockReservations reservations;

    @Autowired
    CommitReservation commitReservation;

    @Autowired
    SetStockOnHand setStockOnHand;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    DatabaseClient database;

    @Autowired
    MeterRegistry meters;

    @Value("${surge.inventory.key-prefix}")
    String keyPrefix;

    @Test
    void aReservationFindsCountersRestoredFromAnOlderSnapshotAndSellsOnlyWhatIsLeft() {
        Sku lamp = Sku.of("SRG-007-1");
        setStockOnHand.set(vendorOf(lamp), lamp, 5).block();
        String key = keyPrefix + "inv:{" + lamp.value() + "}";
        Map<String, String> snapshot = redis.<String, String>opsForHash()
            .entries(key)
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .block();

        var sale = (ReservationOutcome.Reserved) reservations.reserve(anyId(), lines(lamp, 3), HOLD).block();
        StepVerifier.create(commitReservation.commit(sale.reservation()))
            .expectNext(ReservationState.COMMITTED)
            .verifyComplete();
        redis.<String, String>opsForHash().putAll(key, snapshot).block();

        StepVerifier.create(reservations.reserve(anyId(), lines(lamp, 5), HOLD))
            .expectNext(new ReservationOutcome.OutOfStock(List.of(new Shortfall(lamp, 5, 2))))
            .verifyComplete();
        StepVerifier.create(reservations.reserve(anyId(), lines(lamp, 2), HOLD))
            .assertNext(outcome -> assertThat(outcome).isInstanceOf(ReservationOutcome.Reserved.class))
            .verifyComplete();
        StepVerifier.create(reservations.reserve(anyId(), lines(lamp, 1), HOLD))
            .assertNext(outcome -> assertThat(outcome).isInstanceOf(ReservationOutcome.OutOfStock.class))
            .verifyComplete();
        assertThat(meters.counter("surge.inventory.counters.stale").count()).isEqualTo(1);
    }

    private static ReservationId anyId() {
        return new ReservationId(UUID.randomUUID());
    }

    private static List<ReservationLine> lines(Sku sku, int quantity) {
        return List.of(new ReservationLine(sku, Quantity.of(quantity)));
    }

    private VendorId vendorOf(Sku sku) {
        return new VendorId(database
            .sql("SELECT p.vendor_id FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = :sku")
            .bind("sku", sku.value())
            .map(row -> row.get(0, UUID.class))
            .one()
            .block());
    }

}
