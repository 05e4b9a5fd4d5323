package dev.surge.checkout.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class MoneyProperties {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Property
    void additionIsCommutativeAndAssociative(@ForAll @LongRange(max = 1_000_000_000_000L) long a,
            @ForAll @LongRange(max = 1_000_000_000_000L) long b, @ForAll @LongRange(max = 1_000_000_000_000L) long c) {
        Money x = Money.of(a, EUR);
        Money y = Money.of(b, EUR);
        Money z = Money.of(c, EUR);
        assertThat(x.plus(y)).isEqualTo(y.plus(x));
        assertThat(x.plus(y).plus(z)).isEqualTo(x.plus(y.plus(z)));
    }

    @Property
    void minusUndoesPlus(@ForAll @LongRange(max = 1_000_000_000_000L) long a,
            @ForAll @LongRange(max = 1_000_000_000_000L) long b) {
        assertThat(Money.of(a, EUR).plus(Money.of(b, EUR)).minus(Money.of(b, EUR))).isEqualTo(Money.of(a, EUR));
    }

    @Property
    void timesIsRepeatedAddition(@ForAll @LongRange(max = 10_000_000L) long unit,
            @ForAll @IntRange(max = 50) int quantity) {
        Money sum = Money.zero(EUR);
        for (int i = 0; i < quantity; i++) {
            sum = sum.plus(Money.of(unit, EUR));
        }
        assertThat(Money.of(unit, EUR).times(quantity)).isEqualTo(sum);
    }

    @Property
    void allocationLosesNoMinorUnit(@ForAll @LongRange(max = 1_000_000_000_000L) long total,
            @ForAll("weights") List<Long> weights) {
        List<Money> shares = Money.of(total, EUR).allocate(toArray(weights));

        assertThat(shares).hasSize(weights.size());
        assertThat(shares.stream().mapToLong(Money::minor).sum()).isEqualTo(total);
    }

    @Property
    void allocationStaysWithinOneUnitOfTheExactShare(@ForAll @LongRange(max = 1_000_000_000L) long total,
            @ForAll("weights") List<Long> weights) {
        long totalWeight = weights.stream().mapToLong(Long::longValue).sum();
        List<Money> shares = Money.of(total, EUR).allocate(toArray(weights));

        for (int i = 0; i < shares.size(); i++) {
            // exact share = total * w / W; compare scaled by W to stay in integers
            long scaledShare = shares.get(i).minor() * totalWeight;
            long scaledExact = total * weights.get(i);
            assertThat(Math.abs(scaledShare - scaledExact)).isLessThan(totalWeight);
            if (weights.get(i) == 0) {
                assertThat(shares.get(i).isZero()).isTrue();
            }
        }
    }

    @Property
    void splitSharesDifferByAtMostOneUnit(@ForAll @LongRange(max = 1_000_000_000_000L) long total,
            @ForAll @IntRange(min = 1, max = 50) int parts) {
        List<Money> shares = Money.of(total, EUR).split(parts);

        long min = shares.stream().mapToLong(Money::minor).min().orElseThrow();
        long max = shares.stream().mapToLong(Money::minor).max().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
        assertThat(shares.stream().mapToLong(Money::minor).sum()).isEqualTo(total);
    }

    @Property
    void basisPointsRoundHalfUp(@ForAll @LongRange(max = 1_000_000_000_000L) long amount,
            @ForAll @IntRange(max = 10_000) int bps) {
        long result = Money.of(amount, EUR).timesBasisPoints(bps).minor();
        // result is the nearest integer to amount*bps/10000, halves going up:
        // result - exact lies in (-0.5, +0.5]
        long scaled = amount * bps;
        assertThat(result * 10_000 - scaled).isBetween(-4_999L, 5_000L);
    }

    @Property
    void plainStringRoundTripsTheMinorUnits(@ForAll @LongRange(max = 1_000_000_000_000L) long amount,
            @ForAll("currencies") Currency currency) {
        String plain = Money.of(amount, currency).toPlainString();
        assertThat(Long.parseLong(plain.replace(".", ""))).isEqualTo(amount);
        int digits = currency.getDefaultFractionDigits();
        assertThat(plain.contains(".") ? plain.length() - plain.indexOf('.') - 1 : 0).isEqualTo(digits);
    }

    @Property
    void mixingCurrenciesIsRefused(@ForAll @LongRange(max = 1_000_000L) long amount) {
        assertThatThrownBy(() -> Money.of(amount, EUR).plus(Money.of(amount, "USD")))
            .isInstanceOf(CurrencyMismatch.class);
    }

    @Provide
    Arbitrary<List<Long>> weights() {
        return Arbitraries.longs()
            .between(0, 1_000_000)
            .list()
            .ofMinSize(1)
            .ofMaxSize(20)
            .filter(list -> list.stream().anyMatch(weight -> weight > 0));
    }

    @Provide
    Arbitrary<Currency> currencies() {
        return Arbitraries.of("EUR", "USD", "GBP", "JPY", "KWD", "BHD", "CHF").map(Currency::getInstance);
    }

    private static long[] toArray(List<Long> weights) {
        return weights.stream().mapToLong(Long::longValue).toArray();
    }

}
