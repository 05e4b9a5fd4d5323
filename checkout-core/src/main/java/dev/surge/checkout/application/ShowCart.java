package dev.surge.checkout.application;

import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.PricedCart;
import dev.surge.checkout.port.Carts;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Reads a cart, priced now. */
public final class ShowCart {

    private final Carts carts;

    private final CartPricing pricing;

    public ShowCart(Carts carts, CartPricing pricing) {
        this.carts = carts;
        this.pricing = pricing;
    }

    /**
     * Emits the priced cart; completes empty when it does not exist or the caller is
     * neither its owner nor holds its token (indistinguishable on purpose).
     */
    public Mono<PricedCart> show(CartId id, @Nullable CustomerId customer, @Nullable String token) {
        return carts.find(id)
            .filter(stored -> stored.opensFor(customer, token))
            .flatMap(stored -> pricing.price(stored.cart()));
    }

}
