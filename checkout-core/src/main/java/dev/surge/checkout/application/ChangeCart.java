package dev.surge.checkout.application;

import java.time.Duration;
import java.util.List;

import dev.surge.checkout.domain.Cart;
import dev.surge.checkout.domain.CartChange;
import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.CartRejection;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.PricedCart;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.Carts;
import dev.surge.checkout.port.ConcurrentCartUpdate;
import dev.surge.checkout.port.Offers;
import dev.surge.checkout.port.StoredCart;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Adds, changes or removes a cart line. A SKU is added only if it is for sale in the
 * cart's currency; two changes racing on one cart are applied one after the other.
 */
public final class ChangeCart {

    private static final int CONCURRENT_CHANGE_RETRIES = 5;

    private final Carts carts;

    private final Offers offers;

    private final CartPricing pricing;

    public ChangeCart(Carts carts, Offers offers, CartPricing pricing) {
        this.carts = carts;
        this.offers = offers;
        this.pricing = pricing;
    }

    /**
     * Emits the changed cart priced, or why the change was refused (the cart unchanged);
     * completes empty when the cart does not exist for this caller.
     */
    public Mono<Outcome> change(CartId id, @Nullable CustomerId customer, @Nullable String token, Command command) {
        return Mono.defer(() -> carts.find(id))
            .filter(stored -> stored.opensFor(customer, token))
            .flatMap(stored -> apply(stored, command))
            .retryWhen(Retry.backoff(CONCURRENT_CHANGE_RETRIES, Duration.ofMillis(2))
                .filter(ConcurrentCartUpdate.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private Mono<Outcome> apply(StoredCart stored, Command command) {
        return forSale(stored.cart(), command).flatMap(sellable -> {
            if (!sellable) {
                return Mono.just(new Outcome.Rejected(new CartRejection.NotForSale(command.sku())));
            }
            return switch (command.applyTo(stored.cart())) {
                case CartChange.Rejected rejected -> Mono.just(new Outcome.Rejected(rejected.rejection()));
                case CartChange.Changed changed -> carts.save(stored, changed.cart())
                    .flatMap(saved -> pricing.price(saved.cart()))
                    .map(Outcome.Changed::new);
            };
        });
    }

    /**
     * Only a new line needs its SKU to be for sale; existing lines may always change or
     * go.
     */
    private Mono<Boolean> forSale(Cart cart, Command command) {
        boolean createsLine = command instanceof Command.Add
                || command instanceof Command.SetQuantity set && set.quantity() > 0;
        if (!createsLine || cart.line(command.sku()).isPresent()) {
            return Mono.just(true);
        }
        return offers.offers(List.of(command.sku()), cart.currency()).map(found -> found.containsKey(command.sku()));
    }

    /** A change to one line. */
    public sealed interface Command {

        Sku sku();

        CartChange applyTo(Cart cart);

        /** Adds units; the same SKU adds up. */
        record Add(Sku sku, int quantity) implements Command {

            @Override
            public CartChange applyTo(Cart cart) {
                return cart.add(sku, quantity);
            }

        }

        /** Sets the quantity; 0 removes the line. */
        record SetQuantity(Sku sku, int quantity) implements Command {

            @Override
            public CartChange applyTo(Cart cart) {
                return cart.set(sku, quantity);
            }

        }

        record Remove(Sku sku) implements Command {

            @Override
            public CartChange applyTo(Cart cart) {
                return new CartChange.Changed(cart.remove(sku));
            }

        }

    }

    /** What a change came to. */
    public sealed interface Outcome {

        record Changed(PricedCart cart) implements Outcome {
        }

        record Rejected(CartRejection rejection) implements Outcome {
        }

    }

}
