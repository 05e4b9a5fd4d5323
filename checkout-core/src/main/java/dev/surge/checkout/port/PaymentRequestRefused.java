package dev.surge.checkout.port;

/**
 * The payment provider refused the request as such (for example cancelling a payment that
 * already succeeded, or refunding more than was collected); repeating it will not help.
 *
 * @see #code()
 */
public final class PaymentRequestRefused extends RuntimeException {

    private final String code;

    public PaymentRequestRefused(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The provider's error code, for example {@code payment_intent_unexpected_state}. */
    public String code() {
        return code;
    }

}
