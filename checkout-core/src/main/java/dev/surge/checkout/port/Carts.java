package dev.surge.checkout.port;

import dev.surge.checkout.domain.Cart;
import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.CustomerId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Carts in a fast store with a sliding time to live: every read and write keeps a cart
 * alive for the configured period; an abandoned cart disappears by itself. Errors with
 * {@link InventoryUnavailable} when the store cannot be reached.
 */
public interface Carts {

    /**
     * Stores a new cart at version 1, opened by the token whose hash is given (guests).
     */
    Mono<StoredCart> create(Cart cart, @Nullable String tokenHash);

    /**
     * Emits the cart (keeping it alive); completes empty when it is unknown or expired.
     */
    Mono<StoredCart> find(CartId id);

    /**
     * Replaces the lines of {@code stored} with those of {@code next}, if nobody changed
     * the cart since {@code stored} was read. Emits the new revision; errors with
     * {@link ConcurrentCartUpdate} when somebody did; completes empty when the cart
     * expired.
     */
    Mono<StoredCart> save(StoredCart stored, Cart next);

    /**
     * Saves {@code merged} (the lines of {@code stored} with the guest cart's merged in)
     * as {@link #save} does, once per guest cart: when another claim merged that guest
     * cart already, emits the cart as it is instead.
     */
    Mono<StoredCart> saveMerge(StoredCart stored, Cart merged, CartId guest);

    /** Deletes a cart; completes when gone. */
    Mono<Void> delete(CartId id);

    /** Emits the id of the customer's cart; completes empty when they have none. */
    Mono<CartId> ownedBy(CustomerId customer);

}
