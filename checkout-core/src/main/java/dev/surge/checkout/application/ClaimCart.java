package dev.surge.checkout.application;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import dev.surge.checkout.domain.Cart;
import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.PricedCart;
import dev.surge.checkout.port.Carts;
import dev.surge.checkout.port.ConcurrentCartUpdate;
import dev.surge.checkout.port.StoredCart;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A customer signs in with a guest cart: its lines move into the customer's cart
 * (quantities add, capped per line; see {@link Cart#merge}) and the guest cart is
 * deleted. A guest cart is merged once, however many claims race (two tabs signing in). A
 * customer without a cart gets one, in the guest cart's currency and country.
 */
public final class ClaimCart {

    private final Carts carts;

    private final CartPricing pricing;

    private final Supplier<UUID> ids;

    public ClaimCart(Carts carts, CartPricing pricing, Supplier<UUID> ids) {
        this.carts = carts;
        this.pricing = pricing;
        this.ids = ids;
    }

    /**
     * Emits the customer's cart after the merge; completes empty when the guest cart does
     * not exist or {@code guestToken} does not open it.
     */
    public Mono<PricedCart> claim(CartId guestCart, String guestToken, CustomerId customer) {
        return carts.find(guestCart)
            .filter(guest -> guest.cart().owner() == null && guest.opensFor(null, guestToken))
            .flatMap(guest -> customersCart(customer, guest)
                .flatMap(mine -> carts.saveMerge(mine, mine.cart().merge(guest.cart()), guest.cart().id()))
                .flatMap(merged -> carts.delete(guest.cart().id()).thenReturn(merged)))
            .retryWhen(Retry.backoff(5, Duration.ofMillis(2))
                .filter(ConcurrentCartUpdate.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
            .flatMap(merged -> pricing.price(merged.cart()));
    }

    private Mono<StoredCart> customersCart(CustomerId customer, StoredCart guest) {
        return carts.ownedBy(customer)
            .flatMap(carts::find)
            .filter(stored -> customer.equals(stored.cart().owner()))
            .switchIfEmpty(Mono.defer(() -> carts.create(
                    Cart.empty(new CartId(ids.get()), guest.cart().currency(), guest.cart().country(), customer),
                    null)));
    }

}
