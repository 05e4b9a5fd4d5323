package dev.surge.checkout.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void refusesNegativeAmounts() {
        assertThatThrownBy(() -> Money.of(-1, "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(100, "EUR").minus(Money.of(101, "EUR")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNonMonetaryCurrencies() {
        assertThatThrownBy(() -> Money.of(1, "XXX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsLoudlyInsteadOfOverflowing() {
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "EUR").plus(Money.of(1, "EUR")))
            .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE / 2, "EUR").times(3)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void allocatesLeftoverCentsToTheLargestRemainders() {
        assertThat(Money.of(100, "EUR").allocate(1, 1, 1)).containsExactly(Money.of(34, "EUR"), Money.of(33, "EUR"),
                Money.of(33, "EUR"));
        assertThat(Money.of(5, "EUR").allocate(3, 7)).containsExactly(Money.of(2, "EUR"), Money.of(3, "EUR")); // tie:
                                                                                                               // earlier
                                                                                                               // part
        assertThat(Money.of(10, "EUR").allocate(1, 2)).containsExactly(Money.of(3, "EUR"), Money.of(7, "EUR"));
        assertThat(Money.of(10, "EUR").allocate(0, 1)).containsExactly(Money.of(0, "EUR"), Money.of(10, "EUR"));
    }

    @Test
    void roundsRatesHalfUp() {
        assertThat(Money.of(1999, "EUR").timesBasisPoints(1900)).isEqualTo(Money.of(380, "EUR")); // 379.81
        assertThat(Money.of(50, "EUR").timesBasisPoints(1000)).isEqualTo(Money.of(5, "EUR"));
        assertThat(Money.of(5, "EUR").timesBasisPoints(1000)).isEqualTo(Money.of(1, "EUR")); // 0.5
                                                                                             // ->
                                                                                             // 1
        assertThat(Money.of(4, "EUR").timesBasisPoints(1000)).isEqualTo(Money.of(0, "EUR")); // 0.4
                                                                                             // ->
                                                                                             // 0
    }

    @Test
    void formatsWithTheCurrencysFractionDigits() {
        assertThat(Money.of(1999, "EUR").toPlainString()).isEqualTo("19.99");
        assertThat(Money.of(5, "EUR").toPlainString()).isEqualTo("0.05");
        assertThat(Money.of(500, "JPY").toPlainString()).isEqualTo("500");
        assertThat(Money.of(1234, "BHD").toPlainString()).isEqualTo("1.234");
        assertThat(Money.of(1999, "USD").format(Locale.US)).isEqualTo("$19.99");
        assertThat(Money.of(1999, "EUR").format(Locale.GERMANY)).isEqualTo("19,99\u00a0€");
        assertThat(Money.of(1999, "GBP")).hasToString("19.99 GBP");
    }

}
