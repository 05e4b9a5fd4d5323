package dev.surge.checkout.application;

import java.util.Currency;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import dev.surge.checkout.domain.Cart;
import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.CartToken;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.PricedCart;
import dev.surge.checkout.port.Carts;
import dev.surge.checkout.port.Offers;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Opens an empty cart in a currency, shipping to a country Surge ships to. A guest cart
 * gets a token, handed out once; a customer's cart belongs to the customer.
 */
public final class CreateCart {

    private final Carts carts;

    private final Offers offers;

    private final CartPricing pricing;

    private final Supplier<UUID> ids;

    private final RandomGenerator secureRandom;

    public CreateCart(Carts carts, Offers offers, CartPricing pricing, Supplier<UUID> ids,
            RandomGenerator secureRandom) {
        this.carts = carts;
        this.offers = offers;
        this.pricing = pricing;
        this.ids = ids;
        this.secureRandom = secureRandom;
    }

    /** Emits the new cart, or that Surge does not ship to the country. */
    public Mono<Created> create(Currency currency, CountryCode country, @Nullable CustomerId owner) {
        return offers.shipsTo(country).flatMap(ships -> {
            if (!ships) {
                return Mono.just(new Created.NotShippedTo(country));
            }
            Cart cart = Cart.empty(new CartId(ids.get()), currency, country, owner);
            CartToken token = owner == null ? CartToken.random(secureRandom) : null;
            return carts.create(cart, token == null ? null : token.hash())
                .flatMap(stored -> pricing.price(stored.cart()))
                .map(priced -> new Created.Opened(priced, token));
        });
    }

    /** What opening a cart came to. */
    public sealed interface Created {

        /** The cart, and for a guest the token that opens it (shown this once). */
        record Opened(PricedCart cart, @Nullable CartToken token) implements Created {
        }

        record NotShippedTo(CountryCode country) implements Created {
        }

    }

}
