package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a rule says, a line's commission is exact, never negative, never above the
 * line, at least the minimum where the line allows it; and a sub-order's is the sum of
 * its lines'.
 */
class CommissionRuleProperties {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Property
    void neverNegativeNeverAboveTheLineAtLeastTheMinimumItAllows(@ForAll("rules") CommissionRule rule,
            @ForAll @LongRange(min = 0, max = 10_000_000) long amount) {
        Money line = Money.of(amount, "EUR");

        Money commission = rule.commissionOn(line);

        assertThat(commission.minor()).isBetween(0L, amount);
        long minimum = rule.minimum().stream().mapToLong(Money::minor).findFirst().orElse(0);
        assertThat(commission.minor()).isGreaterThanOrEqualTo(Math.min(minimum, amount));
        long fixed = rule.fixed().stream().mapToLong(Money::minor).findFirst().orElse(0);
        long expected = Math.min(amount, Math.max(minimum, halfUp(amount, rule.rate().value()) + fixed));
        assertThat(commission.minor()).isEqualTo(expected);
    }

    @Property
    void aSubOrdersCommissionIsTheSumOfItsLines(@ForAll("rules") CommissionRule rule,
            @ForAll("baskets") List<Long> lineAmounts) {
        List<LineCommission> lines = lineAmounts.stream()
            .map(amount -> new LineCommission(Sku.of("SKU-" + amount), rule.id(),
                    rule.commissionOn(Money.of(amount, "EUR"))))
            .toList();
        long subtotal = lineAmounts.stream().mapToLong(Long::longValue).sum();
        Totals totals = Totals.of(Money.of(subtotal, "EUR"), Money.of(0, "EUR"), Money.of(0, "EUR"));

        SubOrder subOrder = SubOrder.placed(UUID.randomUUID(), new VendorId(UUID.randomUUID()), totals, lines, null);

        assertThat(subOrder.commission().minor())
            .isEqualTo(lines.stream().mapToLong(line -> line.amount().minor()).sum())
            .isBetween(0L, subtotal);
        assertThat(subOrder.commissionRate().value()).isBetween(0, BasisPoints.WHOLE);
    }

    @Provide
    Arbitrary<CommissionRule> rules() {
        Arbitrary<Integer> rate = Arbitraries.integers().between(0, BasisPoints.WHOLE);
        Arbitrary<List<Money>> fixed = Arbitraries.longs()
            .between(0, 5_000)
            .map(amount -> Money.of(amount, "EUR"))
            .list()
            .ofMaxSize(1);
        Arbitrary<List<Money>> minimum = Arbitraries.longs()
            .between(0, 5_000)
            .map(amount -> Money.of(amount, "EUR"))
            .list()
            .ofMaxSize(1);
        return Combinators.combine(rate, fixed, minimum)
            .as((bps, fixedPart, floor) -> new CommissionRule(UUID.randomUUID(), null, null, BasisPoints.of(bps),
                    fixedPart, floor, START, null));
    }

    @Provide
    Arbitrary<List<Long>> baskets() {
        return Arbitraries.longs().between(1, 1_000_000).list().ofMinSize(1).ofMaxSize(20).uniqueElements();
    }

    private static long halfUp(long amount, int basisPoints) {
        return (amount * basisPoints + 5_000) / 10_000;
    }

}
