package dev.surge.checkout.application;

import java.util.List;

import dev.surge.checkout.domain.Cart;
import dev.surge.checkout.domain.CartLine;
import dev.surge.checkout.domain.Offer;
import dev.surge.checkout.domain.PricedCart;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.Offers;
import reactor.core.publisher.Mono;

/**
 * Prices a cart from the catalog's current offers and rules: two reads (from memory in
 * production), whatever the cart's size.
 */
public final class CartPricing {

    private final Offers offers;

    public CartPricing(Offers offers) {
        this.offers = offers;
    }

    /**
     * Completes once the offers are read again from the store of record: an order found
     * them superseded, so whatever they are served from lags.
     */
    public Mono<Void> refresh() {
        return offers.refresh();
    }

    /** Emits the cart priced now. */
    public Mono<PricedCart> price(Cart cart) {
        List<Sku> skus = cart.lines().stream().map(CartLine::sku).toList();
        return offers.offers(skus, cart.currency())
            .flatMap(found -> offers
                .rules(cart.currency(), cart.country(),
                        found.values().stream().map(Offer::vendorId).distinct().toList())
                .map(rules -> PricedCart.price(cart, found, rules)));
    }

}
