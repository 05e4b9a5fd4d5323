package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * The tax rate a country applies to one tax class; prices are net and tax is added on top
 * per line.
 */
public record TaxRate(CountryCode country, TaxClass taxClass, BasisPoints rate) {

    public TaxRate {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(taxClass, "taxClass");
        Objects.requireNonNull(rate, "rate");
    }

    public Money taxOn(Money net) {
        return rate.of(net);
    }
}
