package dev.surge.checkout.port;

/**
 * The stock store could not be reached or answered out of turn; nothing is known to have
 * changed.
 */
public final class InventoryUnavailable extends RuntimeException {

    public InventoryUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

}
