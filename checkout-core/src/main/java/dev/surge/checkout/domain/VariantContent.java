package dev.surge.checkout.domain;

import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A variant as a vendor writes it: its SKU, name, a price per currency it sells in, and
 * the units it has on hand.
 */
public record VariantContent(Sku sku, String name, List<Money> prices, int onHand) {

    public static final int MAX_ON_HAND = 10_000_000;

    public VariantContent {
        Objects.requireNonNull(sku, "sku");
        name = Text.required(name, "variant name", 200);
        prices = List.copyOf(prices);
        if (prices.stream().map(Money::currency).distinct().count() != prices.size()) {
            throw new IllegalArgumentException("a variant has one price per currency");
        }
        if (onHand < 0 || onHand > MAX_ON_HAND) {
            throw new IllegalArgumentException("on hand must be within 0.." + MAX_ON_HAND);
        }
    }

    public Optional<Money> price(Currency currency) {
        return prices.stream().filter(price -> price.currency().equals(currency)).findFirst();
    }

    /** The same variant with another price list and count: what applies at once. */
    public VariantContent withPricesAndStock(List<Money> prices, int onHand) {
        return new VariantContent(sku, name, prices, onHand);
    }

}
