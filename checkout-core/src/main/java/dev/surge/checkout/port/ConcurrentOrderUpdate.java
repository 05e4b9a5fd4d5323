package dev.surge.checkout.port;

/** The order changed since it was read; the caller reads it again and decides anew. */
public final class ConcurrentOrderUpdate extends RuntimeException {

    public ConcurrentOrderUpdate(String message) {
        super(message, null, false, false);
    }

}
