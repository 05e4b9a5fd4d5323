package dev.surge.api.backoffice;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.Storefront;
import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.payments.stub.StripeStub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A vendor's owner onboards with Stripe Connect: Surge opens the vendor's connected
 * account once, hands out single-use account links, and learns from Stripe's
 * {@code account.updated} webhooks (reading the account back) whether payouts are
 * enabled, in both directions.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class PayoutOnboardingIT {

    private static final String ONBOARDING = "/api/v1/vendor/payments/onboarding";

    private static final HttpClient BROWSER = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    StripeStub stripe;

    @Test
    void anOwnerOnboardsThroughAnAccountLinkAndStripeEnablesPayouts() throws Exception {
        var office = new BackOffice(client);
        String owner = office.customer("sunset-owner");
        assertThat(profile(office, owner)).containsEntry("payoutsEnabled", false);

        String url = (String) office.json(HttpMethod.POST, ONBOARDING, owner, null, 200).get("url");
        String account = accountOf(DemoCatalog.SUNSET_OUTLET);
        assertThat(account).startsWith("acct_");
        assertThat(url).startsWith(stripe.apiBase().toString());
        // The account is open but not yet filled in: nothing is paid to it.
        assertThat(profile(office, owner)).containsEntry("payoutsEnabled", false);

        HttpResponse<Void> finished = follow(url);
        assertThat(finished.statusCode()).isEqualTo(302);
        assertThat(finished.headers().firstValue("Location"))
            .hasValue("http://localhost:3000/vendor/payouts?onboarding=done");
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(profile(office, owner)).containsEntry("payoutsEnabled", true));

        // A used link leads to the refresh address, where the front end asks for a new
        // one.
        assertThat(follow(url).headers().firstValue("Location"))
            .hasValue("http://localhost:3000/vendor/payouts?onboarding=refresh");
        String again = (String) office.json(HttpMethod.POST, ONBOARDING, owner, null, 200).get("url");
        assertThat(again).isNotEqualTo(url);
        assertThat(accountOf(DemoCatalog.SUNSET_OUTLET)).as("the same account, not a second one").isEqualTo(account);

        // Stripe restricts the account later: payouts are off again.
        stripe.restrictPayouts(account);
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(profile(office, owner)).containsEntry("payoutsEnabled", false));

        List<Map<String, Object>> audit = VendorOnboardingIT.items(office.json(HttpMethod.GET,
                "/api/v1/admin/audit?target=vendor:" + DemoCatalog.SUNSET_OUTLET, office.operator(), null, 200));
        assertThat(audit).extracting(entry -> entry.get("action"))
            .contains("vendor.payout-account-opened", "vendor.payouts-enabled", "vendor.payouts-disabled");
        assertThat(audit).filteredOn(entry -> "vendor.payouts-enabled".equals(entry.get("action")))
            .singleElement()
            .satisfies(entry -> assertThat(entry).containsEntry("actor", "stripe")
                .containsEntry("role", "payment-provider"));
    }

    @Test
    void aVendorsShareWaitsWhileStripeHasItsPayoutsDisabledAndIsPaidOnceEnabled() {
        var office = new BackOffice(client);
        var storefront = new Storefront(client, database);
        String atelierOwner = office.customer(DemoCatalog.ownerOf(DemoCatalog.ATELIER_LUMIERE));
        stripe.restrictPayouts("acct_demoAtelierLumiere");
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(profile(office, atelierOwner)).containsEntry("payoutsEnabled", false));

        String atelier = heldShareOfAPaidOrder(office, storefront, DemoCatalog.ATELIER_LUMIERE);

        stripe.completeOnboarding("acct_demoAtelierLumiere");
        await().atMost(Duration.ofSeconds(30)).until(() -> VendorSuspensionIT.transferOf(database, atelier) != null);
    }

    @Test
    void aShareSoldBeforeItsVendorHadAnAccountIsPaidToTheAccountItOnboards() throws Exception {
        var office = new BackOffice(client);
        var storefront = new Storefront(client, database);
        // Sunset Outlet as the demo has it: no payout account yet (whatever another test
        // here did with it), approved, and selling: the demo lets vendors sell first.
        database.sql("UPDATE vendors SET stripe_account_id = NULL, payouts_enabled = false WHERE id = :id::uuid")
            .bind("id", DemoCatalog.SUNSET_OUTLET)
            .then()
            .block();
        office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + DemoCatalog.SUNSET_OUTLET + "/approve",
                office.operator(), null, 200);

        String sunset = heldShareOfAPaidOrder(office, storefront, DemoCatalog.SUNSET_OUTLET);

        String url = (String) office.json(HttpMethod.POST, ONBOARDING, office.customer("sunset-owner"), null, 200)
            .get("url");
        follow(url);

        await().atMost(Duration.ofSeconds(30)).until(() -> VendorSuspensionIT.transferOf(database, sunset) != null);
        long share = database.sql("SELECT total_minor - commission_minor FROM sub_orders WHERE id = :id::uuid")
            .bind("id", sunset)
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
        assertThat(stripe.ledger().transferredTo(accountOf(DemoCatalog.SUNSET_OUTLET))).isGreaterThanOrEqualTo(share);
    }

    @Test
    void anAccountItsOwnerDisconnectsFromThePlatformIsPaidNoMore() {
        var office = new BackOffice(client);
        String brickLaneOwner = office.customer(DemoCatalog.ownerOf(DemoCatalog.BRICK_LANE_SUPPLY));
        String account = accountOf(DemoCatalog.BRICK_LANE_SUPPLY);
        assertThat(profile(office, brickLaneOwner)).containsEntry("payoutsEnabled", true);

        stripe.deauthorize(account);

        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(profile(office, brickLaneOwner)).containsEntry("payoutsEnabled", false));
        List<Map<String, Object>> audit = VendorOnboardingIT.items(office.json(HttpMethod.GET,
                "/api/v1/admin/audit?target=vendor:" + DemoCatalog.BRICK_LANE_SUPPLY, office.operator(), null, 200));
        assertThat(audit).extracting(entry -> entry.get("action")).contains("vendor.payout-account-disconnected");
        // Back as it was for the other tests: Stripe enables the account again.
        stripe.completeOnboarding(account);
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(profile(office, brickLaneOwner)).containsEntry("payoutsEnabled", true));
    }

    @Test
    void ownersStartingAtOnceOpenOneAccount() {
        var office = new BackOffice(client);
        String vendorId = VendorOnboardingIT.applyAndApprove(office, "twin-owners");
        String owner = office.customer("twin-owners");
        int before = stripe.ledger().openedAccountCount();

        List<CompletableFuture<Map<String, Object>>> starts = java.util.stream.IntStream.range(0, 4)
            .mapToObj(i -> CompletableFuture
                .supplyAsync(() -> office.json(HttpMethod.POST, ONBOARDING, owner, null, 200)))
            .toList();
        starts.forEach(CompletableFuture::join);

        assertThat(stripe.ledger().openedAccountCount() - before).isEqualTo(1);
        assertThat(accountOf(vendorId)).startsWith("acct_");
    }

    @Test
    void onlyOwnersOnboardAndNotWhileSuspended() {
        var office = new BackOffice(client);
        expectProblem(office.call(HttpMethod.POST, ONBOARDING, office.customer("nordic-editor"), null), 403,
                "vendor-role-required");

        String vendorId = VendorOnboardingIT.applyAndApprove(office, "paused-owner");
        office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + vendorId + "/suspend", office.operator(),
                Map.of("reason", "Chargebacks under review"), 200);
        expectProblem(office.call(HttpMethod.POST, ONBOARDING, office.customer("paused-owner"), null), 409,
                "vendor-state-conflict");
        assertThat(accountOf(vendorId)).isNull();
    }

    @Test
    void anotherPlatformsAccountIsIgnored() {
        // Signed by Stripe, about an account no vendor here has: answered, nothing
        // changes.
        stripe.completeOnboarding("acct_someoneElses1");
        await().atMost(Duration.ofSeconds(10))
            .until(() -> stripe.webhooks()
                .deliveries()
                .stream()
                .anyMatch(delivery -> delivery.eventJson().contains("acct_someoneElses1") && delivery.status() == 200));
        assertThat(database.sql("SELECT count(*) AS n FROM vendors WHERE stripe_account_id = 'acct_someoneElses1'")
            .map(row -> row.get("n", Long.class))
            .one()
            .block()).isZero();
    }

    /**
     * A paid order of Nordic Goods and {@code vendor}: Nordic Goods is paid its share,
     * {@code vendor}'s waits (owed, counted apart by health, which stays up). Answers the
     * waiting sub-order.
     */
    private String heldShareOfAPaidOrder(BackOffice office, Storefront storefront, String vendor) {
        Map<String, Object> order = storefront.paidOrder(DemoCatalog.NORDIC_GOODS, vendor);
        String nordic = VendorSuspensionIT.subOrderOf(order, DemoCatalog.NORDIC_GOODS);
        String held = VendorSuspensionIT.subOrderOf(order, vendor);
        await().atMost(Duration.ofSeconds(30)).until(() -> VendorSuspensionIT.transferOf(database, nordic) != null);
        assertThat(VendorSuspensionIT.transferOf(database, held)).as("held, still owed").isNull();
        client.get()
            .uri("/actuator/health")
            .headers(headers -> headers.setBearerAuth(office.operator()))
            .exchange()
            .expectBody()
            .jsonPath("$.components.vendorTransfers.details.heldUntilPayoutsEnabled")
            .value(count -> assertThat(((Number) count).longValue()).isPositive())
            .jsonPath("$.components.vendorTransfers.status")
            .isEqualTo("UP");
        return held;
    }

    private static Map<String, Object> profile(BackOffice office, String token) {
        return office.json(HttpMethod.GET, "/api/v1/vendor/profile", token, null, 200);
    }

    private String accountOf(String vendorId) {
        return database.sql("SELECT stripe_account_id FROM vendors WHERE id = :id::uuid")
            .bind("id", vendorId)
            .map(row -> java.util.Optional.ofNullable(row.get("stripe_account_id", String.class)))
            .one()
            .block()
            .orElse(null);
    }

    /** What the owner's browser does with the link. */
    static HttpResponse<Void> follow(String url) throws IOException, InterruptedException {
        return BROWSER.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

}
