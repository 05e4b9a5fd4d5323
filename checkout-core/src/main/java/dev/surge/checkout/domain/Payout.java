package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Money paid out to a vendor's connected account. */
public record Payout(UUID id, VendorId vendorId, Money amount, String status, @Nullable String stripeTransferId,
        Instant createdAt) {

    public Payout {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

}
