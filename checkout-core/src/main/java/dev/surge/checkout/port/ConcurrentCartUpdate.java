package dev.surge.checkout.port;

/** The cart changed since it was read; the change is retried on the fresh cart. */
public final class ConcurrentCartUpdate extends RuntimeException {

    public ConcurrentCartUpdate(String message) {
        super(message, null, false, false);
    }

}
