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
 * What the catalog of record says about prices: the source every cart is priced from. An
 * implementation may serve a copy that lags the store by a moment (the order's own
 * transaction refuses a superseded price, see
 * {@link Orders#place(dev.surge.checkout.domain.Order, dev.surge.checkout.domain.CartId)}).
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

    /**
     * Reads the offers again from the store of record, if they are served from a copy;
     * completes when the next answer reflects the store as of now.
     */
    default Mono<Void> refresh() {
        return Mono.empty();
    }

}
