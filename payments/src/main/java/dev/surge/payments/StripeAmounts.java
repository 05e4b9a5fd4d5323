package dev.surge.payments;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;

import dev.surge.checkout.domain.Money;

/**
 * Money to and from Stripe amounts. Surge counts in ISO 4217 minor units; Stripe's unit
 * differs for some currencies (https://docs.stripe.com/currencies): it counts its
 * zero-decimal currencies in whole units although ISO gives some of them a minor unit
 * (MGA), it still counts ISK and UGX in hundredths although ISO gives them none, and it
 * takes three-decimal currencies only in multiples of ten.
 */
final class StripeAmounts {

    /** Stripe counts these in whole units. */
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "VND", "VUV", "XAF", "XOF", "XPF");

    /**
     * Zero-decimal in practice, but Stripe keeps counting them in hundredths (always
     * ending in 00).
     */
    private static final Set<String> TWO_DECIMAL_FOR_COMPATIBILITY = Set.of("ISK", "UGX");

    /** Charged in three decimals, but only in multiples of ten. */
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private StripeAmounts() {
    }

    /** The Stripe amount of {@code money}; throws if Stripe cannot express it exactly. */
    static long toStripe(Money money) {
        String code = money.currency().getCurrencyCode();
        int shift = stripeDigits(money.currency()) - money.currency().getDefaultFractionDigits();
        long step = THREE_DECIMAL.contains(code) ? 10 : shift < 0 ? pow10(-shift) : 1;
        if (money.minor() % step != 0) {
            throw new IllegalArgumentException(money + " cannot be charged exactly: Stripe takes " + code
                    + " in steps of " + step + " minor units");
        }
        return shift >= 0 ? Math.multiplyExact(money.minor(), pow10(shift)) : money.minor() / pow10(-shift);
    }

    static Money fromStripe(long amount, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT));
        int shift = stripeDigits(currency) - currency.getDefaultFractionDigits();
        long minor = shift >= 0 ? amount / pow10(shift) : Math.multiplyExact(amount, pow10(-shift));
        return Money.of(minor, currency);
    }

    /** Stripe's lower-case currency code. */
    static String currencyCode(Money money) {
        return money.currency().getCurrencyCode().toLowerCase(Locale.ROOT);
    }

    private static int stripeDigits(Currency currency) {
        String code = currency.getCurrencyCode();
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        return TWO_DECIMAL_FOR_COMPATIBILITY.contains(code) ? 2 : currency.getDefaultFractionDigits();
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

}
