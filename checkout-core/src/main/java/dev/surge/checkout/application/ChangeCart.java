package dev.surge.checkout.application;

import java.time.Duration;
import java.util.List;

import dev.surge.checkout.domain.Cart;
import dev.surge.checkout.domain.CartChange;
import dev.surge.checkout.domain.CartLine;
import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.CartRejection;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.Offer;
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
 * cart's currency, and a line grows no further than the SKU's per-buyer limit; two
 * changes racing on one cart are applied one after the other.
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
        Cart cart = stored.cart();
        if (command instanceof Command.Remove) {
            return applied(stored, command.applyTo(cart));
        }
        return offers.offers(List.of(command.sku()), cart.currency()).flatMap(found -> {
            Offer offer = found.get(command.sku());
            int before = cart.line(command.sku()).map(CartLine::quantity).orElse(0);
            // Only a new line needs its SKU to be for sale; existing lines may always
            // change or go.
            if (offer == null && before == 0 && command.addsUnits(before)) {
                return Mono.just(new Outcome.Rejected(new CartRejection.NotForSale(command.sku())));
            }
            CartChange change = command.applyTo(cart);
            int after = change instanceof CartChange.Changed changed
                    ? changed.cart().line(command.sku()).map(CartLine::quantity).orElse(0) : before;
            // A line never grows past what one buyer may have: its checkout could not
            // succeed. One set above a limit made later may still shrink.
            Integer limit = offer == null ? null : offer.perBuyerLimit();
            if (limit != null && after > limit && after > before) {
                return Mono.just(new Outcome.Rejected(new CartRejection.PurchaseLimit(command.sku(), after, limit)));
            }
            return applied(stored, change);
        });
    }

    private Mono<Outcome> applied(StoredCart stored, CartChange change) {
        return switch (change) {
            case CartChange.Rejected rejected -> Mono.just(new Outcome.Rejected(rejected.rejection()));
            case CartChange.Changed changed -> carts.save(stored, changed.cart())
                .flatMap(saved -> pricing.price(saved.cart()))
                .map(Outcome.Changed::new);
        };
    }

    /** A change to one line. */
    public sealed interface Command {

        Sku sku();

        CartChange applyTo(Cart cart);

        /** Whether the change asks for more units than the line's {@code before}. */
        boolean addsUnits(int before);

        /** Adds units; the same SKU adds up. */
        record Add(Sku sku, int quantity) implements Command {

            @Override
            public CartChange applyTo(Cart cart) {
                return cart.add(sku, quantity);
            }

            @Override
            public boolean addsUnits(int before) {
                return quantity > 0;
            }

        }

        /** Sets the quantity; 0 removes the line. */
        record SetQuantity(Sku sku, int quantity) implements Command {

            @Override
            public CartChange applyTo(Cart cart) {
                return cart.set(sku, quantity);
            }

            @Override
            public boolean addsUnits(int before) {
                return quantity > before;
            }

        }

        record Remove(Sku sku) implements Command {

            @Override
            public CartChange applyTo(Cart cart) {
                return new CartChange.Changed(cart.remove(sku));
            }

            @Override
            public boolean addsUnits(int before) {
                return false;
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
