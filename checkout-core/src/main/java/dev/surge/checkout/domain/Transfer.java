package dev.surge.checkout.domain;

import java.util.Objects;

/** Money moved to a vendor's connected account, grouped with its order's charge. */
public record Transfer(String id, ConnectedAccountId destination, Money amount, String transferGroup) {

    public Transfer {
        Text.requireToken(id, "transfer id", 255);
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(transferGroup, "transferGroup");
    }

}
