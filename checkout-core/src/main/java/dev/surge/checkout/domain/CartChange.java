package dev.surge.checkout.domain;

/** What asking a cart to change came to. */
public sealed interface CartChange {

    record Changed(Cart cart) implements CartChange {
    }

    record Rejected(CartRejection rejection) implements CartChange {
    }

}
