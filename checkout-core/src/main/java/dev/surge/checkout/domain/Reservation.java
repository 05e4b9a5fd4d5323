package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Stock held for one checkout until {@code expiresAt}: committed when the payment
 * succeeds, released when it fails or the time runs out.
 */
public record Reservation(ReservationId id, List<ReservationLine> lines, Instant expiresAt) {

    /** The most lines one reservation may hold: a basket, not a warehouse transfer. */
    public static final int MAX_LINES = 500;

    public Reservation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expiresAt, "expiresAt");
        lines = List.copyOf(lines);
        requireValidLines(lines);
    }

    /**
     * Throws {@link IllegalArgumentException} unless there is at least one line, at most
     * {@value #MAX_LINES}, and no SKU twice (quantities of one SKU belong on one line).
     */
    public static void requireValidLines(List<ReservationLine> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reservation needs at least one line");
        }
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException(
                    "a reservation holds at most " + MAX_LINES + " lines, got " + lines.size());
        }
        var seen = new HashSet<Sku>();
        for (ReservationLine line : lines) {
            if (!seen.add(line.sku())) {
                throw new IllegalArgumentException("SKU " + line.sku() + " appears on more than one line");
            }
        }
    }

}
