package dev.surge.payments;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;

import dev.surge.checkout.domain.Money;

/**
 * Money to and from Stripe amounts. Surge counts in ISO 4217 minor units; Stripe counts
 * some currencies in whole units although ISO gives them a minor unit (its zero-decimal
 * list), and takes three-decimal currencies only in multiples of ten.
 */
final class StripeAmounts {

    /**
     * Stripe's zero-decimal currencies (https://docs.stripe.com/currencies#zero-decimal).
     */
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");

    /** Charged in three decimals, but only in multiples of ten. */
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private StripeAmounts() {
    }

    /** The Stripe amount of {@code money}; throws if Stripe cannot express it exactly. */
    static long toStripe(Money money) {
        long scale = scale(money.currency());
        long step = THREE_DECIMAL.contains(money.currency().getCurrencyCode()) ? 10 : scale;
        if (money.minor() % step != 0) {
            throw new IllegalArgumentException(money + " cannot be charged exactly: Stripe takes " + money.currency()
                    + " in steps of " + step + " minor units");
        }
        return money.minor() / scale;
    }

    static Money fromStripe(long amount, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT));
        return Money.of(Math.multiplyExact(amount, scale(currency)), currency);
    }

    /** Stripe's lower-case currency code. */
    static String currencyCode(Money money) {
        return money.currency().getCurrencyCode().toLowerCase(Locale.ROOT);
    }

    /** How many ISO minor units one Stripe unit is. */
    private static long scale(Currency currency) {
        int isoDigits = currency.getDefaultFractionDigits();
        return ZERO_DECIMAL.contains(currency.getCurrencyCode()) ? (long) Math.pow(10, isoDigits) : 1;
    }

}
