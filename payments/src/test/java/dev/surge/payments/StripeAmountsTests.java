package dev.surge.payments;

import dev.surge.checkout.domain.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StripeAmountsTests {

    @Test
    void sendsTwoDecimalCurrenciesInMinorUnits() {
        assertThat(StripeAmounts.toStripe(Money.of(1_999, "EUR"))).isEqualTo(1_999);
        assertThat(StripeAmounts.fromStripe(1_999, "eur")).isEqualTo(Money.of(1_999, "EUR"));
        assertThat(StripeAmounts.currencyCode(Money.of(1, "GBP"))).isEqualTo("gbp");
    }

    @Test
    void sendsCurrenciesWithoutMinorUnitsAsTheyAre() {
        assertThat(StripeAmounts.toStripe(Money.of(500, "JPY"))).isEqualTo(500);
        assertThat(StripeAmounts.fromStripe(500, "jpy")).isEqualTo(Money.of(500, "JPY"));
    }

    @Test
    void convertsCurrenciesStripeTreatsAsZeroDecimalThoughIsoGivesThemAMinorUnit() {
        assertThat(StripeAmounts.toStripe(Money.of(1_000, "MGA"))).isEqualTo(10);
        assertThat(StripeAmounts.fromStripe(10, "mga")).isEqualTo(Money.of(1_000, "MGA"));
        assertThatIllegalArgumentException().isThrownBy(() -> StripeAmounts.toStripe(Money.of(1_001, "MGA")));
    }

    @Test
    void takesThreeDecimalCurrenciesOnlyInStepsOfTen() {
        assertThat(StripeAmounts.toStripe(Money.of(5_120, "KWD"))).isEqualTo(5_120);
        assertThatIllegalArgumentException().isThrownBy(() -> StripeAmounts.toStripe(Money.of(5_125, "KWD")));
    }

    @Test
    void countsIcelandicKronurInHundredthsAsStripeStillDoes() {
        assertThat(StripeAmounts.toStripe(Money.of(500, "ISK"))).isEqualTo(50_000);
        assertThat(StripeAmounts.fromStripe(50_000, "isk")).isEqualTo(Money.of(500, "ISK"));
        assertThat(StripeAmounts.toStripe(Money.of(2_000, "UGX"))).isEqualTo(200_000);
    }

}
