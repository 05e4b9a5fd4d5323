package dev.surge.checkout.port;

import java.util.Objects;

import dev.surge.checkout.domain.Sku;

/**
 * A SKU's hot counters as the reservation store keeps them, with its own tallies: the
 * units it committed (sold) and the last count of the stock of record it applied.
 * Compared with {@link RecordedStock}, they tell whether the store is in step with the
 * record.
 */
public record CounterTally(Sku sku, int onHand, int reserved, long sold, long recounts) {

    public CounterTally {
        Objects.requireNonNull(sku, "sku");
    }

}
