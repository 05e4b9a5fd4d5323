package dev.surge.checkout.domain;

import java.util.Currency;
import java.util.Map;
import java.util.Objects;

/**
 * What prices a cart besides its offers: the destination country's tax rate per tax class
 * and each vendor's flat shipping fee in the cart's currency. A tax class without a rate
 * is untaxed; a vendor without a fee ships for free.
 */
public record PricingRules(Currency currency, CountryCode country, Map<TaxClass, BasisPoints> taxRates,
        Map<VendorId, Money> shippingFees) {

    public PricingRules {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(country, "country");
        taxRates = Map.copyOf(taxRates);
        shippingFees = Map.copyOf(shippingFees);
        shippingFees.values().forEach(fee -> {
            if (!fee.currency().equals(currency)) {
                throw new CurrencyMismatch(currency, fee.currency());
            }
        });
    }

    BasisPoints taxRate(TaxClass taxClass) {
        return taxRates.getOrDefault(taxClass, BasisPoints.of(0));
    }

    Money shippingFee(VendorId vendor) {
        return shippingFees.getOrDefault(vendor, Money.zero(currency));
    }

}
