package dev.surge.inventory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Redis stock reservations.
 *
 * @param keyPrefix prefix of every key, so several deployments or tests share one Redis
 * @param reservationTtl how long a checkout holds stock unless it says otherwise
 * @param retention how long a finished reservation is remembered, so a retry within it
 * answers the same instead of reserving again
 * @param cluster whether Redis runs as a cluster: lines are then grouped per slot, each
 * group reserved atomically, and earlier groups given back if a later one fails
 * @param sweepInterval how often expired reservations are looked for
 * @param sweepBatch how many expired reservations one sweep of one slot group ends at
 * most
 * @param commandTimeout bound on one Redis round trip on the checkout's path (a cart, a
 * reservation, a commit or release): a Redis that stops answering costs a checkout this
 * long before its 503. It runs from the call to its answer, so it also counts the time
 * the answer waits for a thread: Redis's answers are handed on to a thread of their own
 * ({@code publishOnScheduler}), so the connection's I/O thread only decodes, and a burst
 * of 200 checkouts at once on a 2-core machine saw 0, 0 and 2 spurious timeouts at 250 ms
 * (52, 86 and 4 before)
 * @param bulkCommandTimeout bound on a Redis call that reads or sweeps many keys at once
 * (stock levels of a catalog page or of the whole catalog for the counter check, the
 * sweeper's batches, the counters' marker): longer, as its work grows with the catalog
 */
@ConfigurationProperties("surge.inventory")
public record InventoryProperties(@DefaultValue("surge:") String keyPrefix,
        @DefaultValue("15m") Duration reservationTtl, @DefaultValue("24h") Duration retention,
        @DefaultValue("false") boolean cluster, @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("200") int sweepBatch, @DefaultValue("250ms") Duration commandTimeout,
        @DefaultValue("2s") Duration bulkCommandTimeout) {

    public InventoryProperties {
        if (reservationTtl.isNegative() || reservationTtl.isZero()) {
            throw new IllegalArgumentException("surge.inventory.reservation-ttl must be positive");
        }
        if (retention.compareTo(reservationTtl) < 0) {
            throw new IllegalArgumentException("surge.inventory.retention must be at least the reservation TTL");
        }
        if (sweepBatch < 1) {
            throw new IllegalArgumentException("surge.inventory.sweep-batch must be positive");
        }
    }

}
