package dev.surge.checkout.port;

/** Another order of the same cart is waiting for payment; nothing was written. */
public final class CartAlreadyOrdered extends RuntimeException {

    public CartAlreadyOrdered(String message) {
        super(message, null, false, false);
    }

}
