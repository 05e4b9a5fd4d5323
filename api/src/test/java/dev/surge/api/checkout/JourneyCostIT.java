package dev.surge.api.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.checkout.application.WorkPath;
import dev.surge.payments.stub.StripeStub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What a shopper's journey costs PostgreSQL on its request paths, counted at the client
 * ({@code surge.db.statements} / {@code surge.db.transactions}, path {@code request}),
 * pinned per step so a change that adds a round trip shows here. Issue #13's budget is 8
 * statements in 3 transactions for cart, checkout and confirm together: the statements
 * are within it, the transactions one over (the confirm's read of the order is one).
 * Webhooks and background passes are counted apart and do not disturb these figures.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class JourneyCostIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    MeterRegistry meters;

    @Autowired
    StripeStub stripe;

    Storefront storefront;

    @BeforeEach
    void storefront() {
        storefront = new Storefront(client, database);
    }

    @Test
    void aPaidTwoVendorJourneyCostsSevenStatementsInFourTransactionsOnItsRequestPaths() {
        String nordic = storefront.mostStocked(DemoCatalog.NORDIC_GOODS, "EUR");
        String atelier = storefront.mostStocked(DemoCatalog.ATELIER_LUMIERE, "EUR");
        stripe.webhooks().awaitIdle(Duration.ofSeconds(15));
        Cost webhooksBefore = cost(WorkPath.WEBHOOK);
        Cost start = requestPath();
        Map<String, Object> cart = storefront.guestCart("EUR", "DE");
        storefront.addLine(cart, nordic, 2).expectStatus().isOk();
        storefront.addLine(cart, atelier, 1).expectStatus().isOk();
        Cost afterCart = requestPath();

        Map<String, Object> order = storefront.checkout(cart, "cost-" + UUID.randomUUID())
            .expectStatus()
            .isCreated()
            .expectBody(Storefront.JSON)
            .returnResult()
            .getResponseBody();
        Cost afterCheckout = requestPath();

        storefront.confirm(order, "pm_card_visa")
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("PAID");
        Cost afterConfirm = requestPath();

        // The cart lives in Redis; the catalog in memory.
        assertThat(afterCart.minus(start)).isEqualTo(new Cost(0, 0));
        // Claim the key; write the order with its payment.
        assertThat(afterCheckout.minus(afterCart)).isEqualTo(new Cost(2, 2));
        // Read the order; one transaction: the payment's sighting and record, its
        // update, the sale, the order's move.
        assertThat(afterConfirm.minus(afterCheckout)).isEqualTo(new Cost(5, 2));
        assertThat(afterConfirm.minus(start).statements()).isLessThanOrEqualTo(8);
        assertThat(afterConfirm.minus(start).transactions()).isLessThanOrEqualTo(4);

        // Stripe's payment_intent.succeeded about the order its confirm settled waits
        // out its grace, then finds it settled: one read.
        stripe.webhooks().awaitIdle(Duration.ofSeconds(15));
        assertThat(cost(WorkPath.WEBHOOK).minus(webhooksBefore)).isEqualTo(new Cost(1, 1));
    }

    private Cost requestPath() {
        return cost(WorkPath.REQUEST);
    }

    private Cost cost(String path) {
        return new Cost(count("surge.db.statements", path), count("surge.db.transactions", path));
    }

    private long count(String name, String path) {
        Counter counter = meters.find(name).tag("path", path).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private record Cost(long statements, long transactions) {

        Cost minus(Cost before) {
            return new Cost(statements - before.statements, transactions - before.transactions);
        }

    }

}
