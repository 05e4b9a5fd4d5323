package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VendorAccountTests {

    private final VendorAccount application = VendorAccount.application(new VendorId(UUID.randomUUID()), "Nordic Goods",
            "hello@nordic.example", CountryCode.of("SE"), Currency.getInstance("EUR"), BasisPoints.of(1000),
            Instant.parse("2026-11-30T08:00:00Z"));

    @Test
    void anApplicationWaitsForTheOperatorWithoutPayouts() {
        assertThat(application.status()).isEqualTo(VendorStatus.PENDING_APPROVAL);
        assertThat(application.payoutsEnabled()).isFalse();
        assertThat(application.version()).isZero();
    }

    @Test
    void opensOnePayoutAccountWhosePayoutsStripeTurnsOnAndOff() {
        ConnectedAccountId account = new ConnectedAccountId("acct_1Nordic");
        VendorAccount opened = application.withPayoutAccount(account);
        VendorAccount enabled = opened.withPayoutsEnabled(true);

        assertThat(opened.payoutAccount()).isEqualTo(account);
        assertThat(opened.payoutsEnabled()).as("opened is not yet filled in").isFalse();
        assertThat(enabled.payoutsEnabled()).isTrue();
        assertThat(enabled.withPayoutsEnabled(false).payoutsEnabled()).isFalse();
        assertThat(enabled.version()).isEqualTo(2);
        assertThat(opened.withPayoutAccount(account).payoutAccount()).isEqualTo(account);
        assertThatThrownBy(() -> opened.withPayoutAccount(new ConnectedAccountId("acct_2Other")))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onboardsPayoutsUnlessRejectedOrSuspended() {
        VendorAccount approved = application.decide(VendorDecision.APPROVE, null);

        assertThat(application.mayOnboardPayouts()).isTrue();
        assertThat(approved.mayOnboardPayouts()).isTrue();
        assertThat(approved.decide(VendorDecision.SUSPEND, "chargebacks").mayOnboardPayouts()).isFalse();
        assertThat(application.decide(VendorDecision.REJECT, "incomplete").mayOnboardPayouts()).isFalse();
    }

    @Test
    void isApprovedSuspendedWithAReasonAndReinstated() {
        VendorAccount approved = application.decide(VendorDecision.APPROVE, null);
        VendorAccount suspended = approved.decide(VendorDecision.SUSPEND, "  counterfeit goods reported ");
        VendorAccount reinstated = suspended.decide(VendorDecision.REINSTATE, "ignored");

        assertThat(approved.status()).isEqualTo(VendorStatus.APPROVED);
        assertThat(suspended.status()).isEqualTo(VendorStatus.SUSPENDED);
        assertThat(suspended.statusReason()).isEqualTo("counterfeit goods reported");
        assertThat(reinstated.status()).isEqualTo(VendorStatus.APPROVED);
        assertThat(reinstated.statusReason()).isNull();
        assertThat(reinstated.version()).isEqualTo(3);
    }

    @Test
    void aSuspendedVendorsPayoutsAreReleasedWithAReasonUntilTheNextDecision() {
        VendorAccount suspended = application.decide(VendorDecision.APPROVE, null)
            .decide(VendorDecision.SUSPEND, "counterfeit goods reported");

        VendorAccount released = suspended.decide(VendorDecision.RELEASE_PAYOUTS, " goods shipped before ");

        assertThat(suspended.payoutsReleased()).isFalse();
        assertThat(released.payoutsReleased()).isTrue();
        assertThat(released.payoutsReleaseReason()).isEqualTo("goods shipped before");
        assertThat(released.status()).isEqualTo(VendorStatus.SUSPENDED);
        assertThat(released.statusReason()).as("the suspension's own reason stays")
            .isEqualTo("counterfeit goods reported");
        assertThat(released.version()).isEqualTo(suspended.version() + 1);
        assertThat(released.alreadyDecided(VendorDecision.RELEASE_PAYOUTS)).isTrue();
        assertThat(suspended.alreadyDecided(VendorDecision.RELEASE_PAYOUTS)).isFalse();
        VendorAccount suspendedAgain = released.decide(VendorDecision.REINSTATE, null)
            .decide(VendorDecision.SUSPEND, "again");
        assertThat(suspendedAgain.payoutsReleased()).as("a new suspension holds them again").isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> suspended.decide(VendorDecision.RELEASE_PAYOUTS, ""));
        assertThatThrownBy(() -> application.decide(VendorDecision.RELEASE_PAYOUTS, "why"))
            .isInstanceOf(IllegalVendorTransition.class)
            .hasMessage("a vendor that is PENDING_APPROVAL cannot be payouts-released");
    }

    @ParameterizedTest
    @EnumSource(value = VendorDecision.class, names = { "REJECT", "SUSPEND" })
    void needsAReasonToRejectOrSuspend(VendorDecision decision) {
        VendorAccount from = decision == VendorDecision.SUSPEND ? application.decide(VendorDecision.APPROVE, null)
                : application;
        assertThatIllegalArgumentException().isThrownBy(() -> from.decide(decision, " "));
    }

    @Test
    void refusesDecisionsItsStatusDoesNotAllow() {
        VendorAccount rejected = application.decide(VendorDecision.REJECT, "incomplete");

        assertThatThrownBy(() -> rejected.decide(VendorDecision.SUSPEND, "why"))
            .isInstanceOf(IllegalVendorTransition.class)
            .hasMessage("a vendor that is REJECTED cannot be suspended");
        assertThatThrownBy(() -> application.decide(VendorDecision.REINSTATE, null))
            .isInstanceOf(IllegalVendorTransition.class);
    }

    @Test
    void knowsADecisionAlreadyTaken() {
        VendorAccount approved = application.decide(VendorDecision.APPROVE, null);

        assertThat(approved.alreadyDecided(VendorDecision.APPROVE)).isTrue();
        assertThat(approved.alreadyDecided(VendorDecision.REINSTATE)).isTrue();
        assertThat(approved.alreadyDecided(VendorDecision.SUSPEND)).isFalse();
        assertThat(application.alreadyDecided(VendorDecision.APPROVE)).isFalse();
    }

}
