package dev.surge.checkout.port;

/**
 * An order was not stored because its checkout attempt no longer holds its idempotency
 * key: a retry took it over (the attempt outlived its lease), or the key was given up.
 */
public final class AttemptSuperseded extends RuntimeException {

    public AttemptSuperseded(CheckoutRequests.Attempt attempt) {
        super("attempt " + attempt.number() + " at order " + attempt.orderId() + " no longer holds its key", null,
                false, false);
    }

}
