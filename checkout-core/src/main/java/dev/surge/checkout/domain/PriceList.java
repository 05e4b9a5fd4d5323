package dev.surge.checkout.domain;

import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The prices of SKUs in one currency. A SKU without a price here is not for sale in that
 * currency: prices are set per currency by the vendor, never converted on the fly.
 */
public record PriceList(Currency currency, Map<Sku, Money> prices) {

    public PriceList {
        Objects.requireNonNull(currency, "currency");
        prices = Map.copyOf(prices);
        prices.forEach((sku, price) -> {
            if (!price.currency().equals(currency)) {
                throw new CurrencyMismatch(currency, price.currency());
            }
        });
    }

    public Optional<Money> priceOf(Sku sku) {
        return Optional.ofNullable(prices.get(sku));
    }
}
