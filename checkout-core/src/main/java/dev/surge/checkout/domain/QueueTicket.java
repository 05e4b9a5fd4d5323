package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A shopper's place in a SKU's waiting room: the token that holds it, when it admits the
 * shopper, and how many shoppers are admitted before them.
 */
public record QueueTicket(String token, Instant admittedAt, int position) {

    public QueueTicket {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(admittedAt, "admittedAt");
        if (position < 0) {
            throw new IllegalArgumentException("position cannot be negative: " + position);
        }
    }

}
