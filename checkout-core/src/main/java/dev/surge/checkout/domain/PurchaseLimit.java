package dev.surge.checkout.domain;

import java.time.Duration;

/**
 * The most units of one SKU a buyer may hold or buy within {@code window}: counted across
 * the buyer's open and paid orders whose checkout fell in the window (a hold given back,
 * expired or cancelled counts no more).
 */
public record PurchaseLimit(int perBuyer, Duration window) {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    public static final Duration LONGEST_WINDOW = Duration.ofDays(30);

    public PurchaseLimit {
        if (perBuyer < 1 || perBuyer > Quantity.MAX) {
            throw new IllegalArgumentException("perBuyer must be between 1 and " + Quantity.MAX + ": " + perBuyer);
        }
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
            throw new IllegalArgumentException("a purchase limit's window must be between 1 minute and 30 days");
        }
    }

}
