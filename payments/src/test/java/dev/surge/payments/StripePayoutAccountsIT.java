package dev.surge.payments;

import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.PayoutAccountStanding;
import dev.surge.checkout.domain.VendorAccount;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.PaymentRequestRefused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vendors' Connect accounts through stripe-java, over the wire to the stand-in: one
 * account per vendor however often it is opened, single-use onboarding links that bring
 * the owner back, and the account's standing read back.
 */
class StripePayoutAccountsIT {

    private StripeFixture stripe;

    private final VendorAccount vendor = VendorAccount.application(new VendorId(UUID.randomUUID()), "Fjord Ceramics",
            "hej@fjord.example", CountryCode.of("NO"), Currency.getInstance("EUR"), BasisPoints.of(1000),
            Instant.now());

    @BeforeEach
    void start() {
        stripe = StripeFixture.start();
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    @Test
    void opensOneExpressAccountPerVendorWithItsDetails() {
        ConnectedAccountId first = stripe.payoutAccounts.open(vendor).block();
        ConnectedAccountId again = stripe.payoutAccounts.open(vendor).block();

        assertThat(again).isEqualTo(first);
        assertThat(stripe.stub.ledger().openedAccountCount()).isEqualTo(1);
        assertThat(stripe.stub.accountJson(first.value())).contains("\"type\":\"express\"")
            .contains("\"country\":\"NO\"")
            .contains("\"email\":\"hej@fjord.example\"")
            .contains("\"vendor_id\":\"" + vendor.id() + "\"")
            .contains("\"transfers\":\"inactive\"");
    }

    @Test
    void readsThePayoutsStandingAsTheOwnerFinishesOnboarding() {
        ConnectedAccountId account = stripe.payoutAccounts.open(vendor).block();
        StepVerifier.create(stripe.payoutAccounts.standing(account))
            .expectNext(new PayoutAccountStanding(account, false, false))
            .verifyComplete();

        StepVerifier.create(stripe.payoutAccounts.onboardingLink(account))
            .assertNext(url -> assertThat(url.toString()).startsWith(stripe.stub.apiBase() + "/connect/onboarding/"))
            .verifyComplete();
        stripe.stub.completeOnboarding(account.value());

        StepVerifier.create(stripe.payoutAccounts.standing(account))
            .expectNext(new PayoutAccountStanding(account, true, true))
            .verifyComplete();
    }

    @Test
    void aLinkForAnAccountStripeDoesNotKnowIsRefused() {
        StepVerifier.create(stripe.payoutAccounts.onboardingLink(new ConnectedAccountId("acct_no-such")))
            .expectError(PaymentRequestRefused.class)
            .verify();
    }

}
