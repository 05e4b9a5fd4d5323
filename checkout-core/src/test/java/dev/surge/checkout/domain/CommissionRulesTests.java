package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommissionRulesTests {

    private static final VendorId NORDIC = new VendorId(UUID.randomUUID());

    private static final VendorId ATELIER = new VendorId(UUID.randomUUID());

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final Instant T1 = Instant.parse("2026-06-01T00:00:00Z");

    private static final Instant T2 = Instant.parse("2027-01-01T00:00:00Z");

    private final CommissionRule marketplace = rule(null, null, 1000, T0);

    private final CommissionRule nordic = rule(NORDIC, null, 1200, T0);

    private final CommissionRule kitchen = rule(null, "kitchen", 800, T0);

    private final CommissionRule nordicKitchen = rule(NORDIC, "kitchen", 500, T0);

    private final CommissionRules rules = new CommissionRules(List.of(marketplace, nordic, kitchen, nordicKitchen));

    @Test
    void theMostSpecificRuleInForceWins() {
        assertThat(rules.inForce(NORDIC, "kitchen", T1)).contains(nordicKitchen);
        assertThat(rules.inForce(ATELIER, "kitchen", T1)).contains(kitchen);
        assertThat(rules.inForce(NORDIC, "home", T1)).contains(nordic);
        assertThat(rules.inForce(ATELIER, "home", T1)).contains(marketplace);
        assertThat(rules.inForce(ATELIER, null, T1)).contains(marketplace);
    }

    @Test
    void rulesOfOneScopeSucceedEachOtherByDate() {
        CommissionRule raised = rule(NORDIC, null, 1500, T2);
        CommissionRules succeeded = new CommissionRules(List.of(marketplace, nordic, raised));

        assertThat(succeeded.inForce(NORDIC, "home", T1)).contains(nordic);
        assertThat(succeeded.inForce(NORDIC, "home", T2)).contains(raised);
        assertThat(succeeded.inForce(NORDIC, "home", T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void anEndedRuleLeavesItsScopeToTheLessSpecificOnes() {
        CommissionRules ended = new CommissionRules(List.of(marketplace, nordic.endedAt(T1), kitchen));

        assertThat(ended.inForce(NORDIC, "home", T1.minusSeconds(1))).contains(nordic.endedAt(T1));
        assertThat(ended.inForce(NORDIC, "home", T1)).contains(marketplace);
        // An ended rule does not bring back the one it had succeeded.
        CommissionRule raised = rule(NORDIC, null, 1500, T1);
        CommissionRules endedSuccessor = new CommissionRules(List.of(marketplace, nordic, raised.endedAt(T2)));
        assertThat(endedSuccessor.inForce(NORDIC, "home", T2)).contains(marketplace);
    }

    @Test
    void refusesTwoRulesOfOneScopeStartingTogether() {
        assertThat(rules.clashingWith(rule(NORDIC, null, 900, T0))).contains(nordic);
        assertThat(rules.clashingWith(rule(NORDIC, null, 900, T1))).isEmpty();
        assertThat(rules.clashingWith(rule(ATELIER, null, 900, T0))).isEmpty();
        // A rule ended before it started never was in force.
        CommissionRules withdrawn = new CommissionRules(List.of(nordic.endedAt(T0)));
        assertThat(withdrawn.clashingWith(rule(NORDIC, null, 900, T0))).isEmpty();
    }

    @Test
    void freezesTheRuleAndAmountOnTheLine() {
        PricedLine line = new PricedLine(Sku.of("MUG-1"), new ProductId(UUID.randomUUID()), NORDIC, "Mug", 3,
                Money.of(1_000, "EUR"), Money.of(3_000, "EUR"), Money.of(570, "EUR"));

        assertThat(rules.commissionOn(line, "kitchen", T1))
            .isEqualTo(new LineCommission(line.sku(), nordicKitchen.id(), Money.of(150, "EUR")));
        assertThat(CommissionRules.none().commissionOn(line, "kitchen", T1))
            .isEqualTo(new LineCommission(line.sku(), null, Money.of(0, "EUR")));
    }

    @Test
    void addsTheFixedPartRaisesToTheMinimumAndCapsAtTheLine() {
        CommissionRule rule = new CommissionRule(UUID.randomUUID(), null, null, BasisPoints.of(1000),
                List.of(Money.of(30, "EUR")), List.of(Money.of(100, "EUR")), T0, null);

        assertThat(rule.commissionOn(Money.of(5_000, "EUR"))).isEqualTo(Money.of(530, "EUR"));
        assertThat(rule.commissionOn(Money.of(500, "EUR"))).isEqualTo(Money.of(100, "EUR"));
        assertThat(rule.commissionOn(Money.of(60, "EUR"))).isEqualTo(Money.of(60, "EUR"));
        // No amount in the line's currency: the rate alone.
        assertThat(rule.commissionOn(Money.of(5_000, "USD"))).isEqualTo(Money.of(500, "USD"));
    }

    private static CommissionRule rule(@Nullable VendorId vendor, @Nullable String category, int bps, Instant from) {
        return new CommissionRule(UUID.randomUUID(), vendor, category, BasisPoints.of(bps), List.of(), List.of(), from,
                null);
    }

}
