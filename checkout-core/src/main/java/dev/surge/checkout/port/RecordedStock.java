package dev.surge.checkout.port;

import java.util.Objects;

import dev.surge.checkout.domain.PurchaseLimit;
import dev.surge.checkout.domain.Sku;
import org.jspecify.annotations.Nullable;

/**
 * A SKU's stock as the stock of record has it: units on hand (below zero only when more
 * was sold than a recount found), units it has recorded sold, and how many counts it has
 * taken. The hot counters keep their own tally of units sold; the difference between the
 * two tallies is what they sold that the record has not caught up with yet, which is how
 * a count reaches the counters without losing a sale that landed meanwhile.
 *
 * @param recounts the number of counts taken, so a late count never overwrites a newer
 * @param limit the SKU's per-buyer limit, if it has one
 * @param admitPerSecond the rate of the SKU's waiting room, if it has one
 */
public record RecordedStock(Sku sku, int onHand, long sold, long recounts, @Nullable PurchaseLimit limit,
        @Nullable Integer admitPerSecond) {

    public RecordedStock {
        Objects.requireNonNull(sku, "sku");
        if (sold < 0 || recounts < 0) {
            throw new IllegalArgumentException("sold and recounts cannot be negative: " + sold + ", " + recounts);
        }
    }

    /** Without a per-buyer limit. */
    public RecordedStock(Sku sku, int onHand, long sold, long recounts) {
        this(sku, onHand, sold, recounts, null, null);
    }

    /** Without a waiting room. */
    public RecordedStock(Sku sku, int onHand, long sold, long recounts, @Nullable PurchaseLimit limit) {
        this(sku, onHand, sold, recounts, limit, null);
    }

    /** A SKU that was never sold nor counted again: its first count. */
    public static RecordedStock first(Sku sku, int onHand) {
        return new RecordedStock(sku, onHand, 0, 0);
    }

}
