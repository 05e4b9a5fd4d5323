package dev.surge.api.web;

import dev.surge.checkout.domain.Money;

/**
 * Money on the wire: integer minor units and the ISO 4217 code, e.g.
 * {@code {"amount":1999,"currency":"EUR"}}.
 */
public record MoneyJson(long amount, String currency) {

    public static MoneyJson of(Money money) {
        return new MoneyJson(money.minor(), money.currency().getCurrencyCode());
    }
}
