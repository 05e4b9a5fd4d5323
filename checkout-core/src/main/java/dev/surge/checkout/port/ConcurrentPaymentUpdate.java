package dev.surge.checkout.port;

/**
 * Another writer stored the same payment first; the losing unit of work rolls back and
 * may be run again on fresh data.
 */
public final class ConcurrentPaymentUpdate extends RuntimeException {

    public ConcurrentPaymentUpdate(String message) {
        super(message);
    }

}
