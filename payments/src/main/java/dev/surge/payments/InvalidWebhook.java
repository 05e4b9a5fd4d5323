package dev.surge.payments;

/**
 * A webhook request that cannot be trusted or read: missing or wrong signature, a signed
 * timestamp outside the tolerance, or a body that is not a Stripe event. Nothing is
 * recorded; the answer is {@code 400}.
 */
public final class InvalidWebhook extends RuntimeException {

    public InvalidWebhook(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidWebhook(String message) {
        super(message);
    }

}
