package dev.surge.checkout.port;

import java.util.Collection;
import java.util.Currency;
import java.util.Map;

import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.Offer;
import dev.surge.checkout.domain.PricingRules;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.VendorId;
import reactor.core.publisher.Mono;

/**
 * What the catalog of record says about prices, now: the source every cart is priced
 * from.
 */
public interface Offers {

    /**
     * Emits the offers in {@code currency} of those of {@code skus} that are for sale
     * (listed product, approved vendor, priced in the currency); others are absent.
     */
    Mono<Map<Sku, Offer>> offers(Collection<Sku> skus, Currency currency);

    /**
     * Emits the tax rates of {@code country} and the shipping fees of {@code vendors} in
     * {@code currency}.
     */
    Mono<PricingRules> rules(Currency currency, CountryCode country, Collection<VendorId> vendors);

    /**
     * Emits whether Surge has tax rates for {@code country}, that is whether it ships
     * there.
     */
    Mono<Boolean> shipsTo(CountryCode country);

}
