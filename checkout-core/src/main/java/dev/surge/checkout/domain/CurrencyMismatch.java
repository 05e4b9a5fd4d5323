package dev.surge.checkout.domain;

import java.util.Currency;

/**
 * Two amounts in different currencies met in one calculation: a programming error, never
 * a customer's.
 */
public final class CurrencyMismatch extends IllegalArgumentException {

    public CurrencyMismatch(Currency expected, Currency actual) {
        super("cannot combine " + expected.getCurrencyCode() + " with " + actual.getCurrencyCode());
    }

}
