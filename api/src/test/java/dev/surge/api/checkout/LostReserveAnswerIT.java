package dev.surge.api.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.surge.api.support.DelayingLink;
import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import dev.surge.checkout.port.StockReservations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A reservation whose answer is lost (Redis ran the script, the checkout stopped
 * waiting): the checkout gives the hold back by its id, so no stock stays held without an
 * order (issue #15, item 3).
 */
@SurgeIntegrationTest(ownRedis = true)
@ActiveProfiles("demo")
@TestPropertySource(properties = "surge.inventory.command-timeout=300ms")
class LostReserveAnswerIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    StockReservations reservations;

    @Autowired
    DelayingLink redisLink;

    @Autowired
    MeterRegistry meters;

    @Test
    void aReserveWhoseAnswerWasLostLeavesNoHoldBehind() {
        var storefront = new Storefront(client, database);
        String sku = storefront.sku(DemoCatalog.NORDIC_GOODS, "EUR", 3);
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, sku, 1).expectStatus().isOk();

        // Redis answers 200 ms late: a reservation (two round trips) outlives its 300 ms
        // bound, though its script reached Redis and ran.
        redisLink.delayAnswers(Duration.ofMillis(200));
        int status;
        try {
            status = storefront.checkout(cart, "lost-" + UUID.randomUUID())
                .returnResult(Void.class)
                .getStatus()
                .value();
        }
        finally {
            redisLink.delayAnswers(Duration.ZERO);
        }

        assertThat(status).isEqualTo(503);
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(reserved(sku)).as("units held without an order").isZero());
    }

    private long reserveCalls() {
        Timer reserve = meters.find("surge.inventory.script").tag("script", "reserve").timer();
        return reserve == null ? 0 : reserve.count();
    }

    private int reserved(String sku) {
        return reservations.levels(List.of(Sku.of(sku))).map(StockLevel::reserved).blockFirst();
    }

}
