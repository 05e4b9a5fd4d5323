package dev.surge.checkout.domain;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A vendor's net share of a multi-vendor order, sent to its connected account after the
 * order's charge succeeded.
 *
 * @param reference names the share within the order (the vendor's sub-order), so one
 * share is transferred once however often this is retried
 * @param sourceChargeId the order's charge; the transfer then waits for that charge's
 * funds instead of drawing on the platform balance
 */
public record TransferRequest(OrderId orderId, String reference, ConnectedAccountId destination, Money amount,
        @Nullable String sourceChargeId) {

    public TransferRequest {
        Objects.requireNonNull(orderId, "orderId");
        Text.requireToken(reference, "transfer reference", 100);
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(amount, "amount");
        if (amount.minor() == 0) {
            throw new IllegalArgumentException("a transfer must move a positive amount");
        }
    }

}
