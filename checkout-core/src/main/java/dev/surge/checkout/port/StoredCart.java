package dev.surge.checkout.port;

import java.util.Objects;

import dev.surge.checkout.domain.Cart;
import dev.surge.checkout.domain.CartToken;
import dev.surge.checkout.domain.CustomerId;
import org.jspecify.annotations.Nullable;

/**
 * A cart as stored: the cart, the hash of the token that opens it (guest carts) and its
 * revision, for optimistic updates.
 */
public record StoredCart(Cart cart, @Nullable String tokenHash, long version) {

    public StoredCart {
        Objects.requireNonNull(cart, "cart");
    }

    /**
     * Whether the caller may read and change this cart: its owning customer, or whoever
     * presents its token. Everyone else is told it does not exist.
     */
    public boolean opensFor(@Nullable CustomerId customer, @Nullable String token) {
        if (customer != null && customer.equals(cart.owner())) {
            return true;
        }
        return token != null && tokenHash != null && CartToken.matches(token, tokenHash);
    }

}
