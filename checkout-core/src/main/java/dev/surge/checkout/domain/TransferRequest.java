package dev.surge.checkout.domain;

import java.time.Instant;
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
 * @param owedSince no attempt to make it can be older (the order's placing), so a
 * provider whose idempotency keys expire knows whether one may have been forgotten
 */
public record TransferRequest(OrderId orderId, String reference, ConnectedAccountId destination, Money amount,
        @Nullable String sourceChargeId, Instant owedSince) {

    public TransferRequest {
        Objects.requireNonNull(orderId, "orderId");
        Text.requireToken(reference, "transfer reference", 100);
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(owedSince, "owedSince");
        if (amount.minor() == 0) {
            throw new IllegalArgumentException("a transfer must move a positive amount");
        }
    }

}
