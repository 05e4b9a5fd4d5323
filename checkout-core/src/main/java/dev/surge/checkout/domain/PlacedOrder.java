package dev.surge.checkout.domain;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a successful checkout, exactly as first given: replayed unchanged to a
 * retry with the same idempotency key.
 *
 * @param orderToken opens the order for a guest (shown in this answer only)
 * @param clientSecret lets the storefront finish the payment in the browser
 */
public record PlacedOrder(Order order, String orderToken, PaymentIntentId payment, @Nullable String clientSecret) {

    public PlacedOrder {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(orderToken, "orderToken");
        Objects.requireNonNull(payment, "payment");
    }

}
