package dev.surge.checkout.domain;

/**
 * Where one payment attempt stands, in the provider's lifecycle of a PaymentIntent.
 * {@link #SUCCEEDED} and {@link #CANCELED} are final: nothing moves a payment out of
 * them.
 */
public enum PaymentStatus {

    /**
     * Created, or the last attempt failed: the customer may try another payment method.
     */
    REQUIRES_PAYMENT_METHOD,

    REQUIRES_CONFIRMATION,

    /**
     * The customer must act (for example 3-D Secure) before the charge can go through.
     */
    REQUIRES_ACTION,

    PROCESSING,

    REQUIRES_CAPTURE,

    /** Money was collected. */
    SUCCEEDED,

    /** Given up; nothing was collected. */
    CANCELED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == CANCELED;
    }

}
