package dev.surge.api.persistence;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Whether vendors are paid: {@code UP} while due transfers are made, {@code DEGRADED}
 * (HTTP 200) once one has been due for longer than {@link #LAG_ALLOWED} (Stripe refuses
 * it, or the job is not running: shoppers are not affected, vendors wait), with how many
 * wait and how long the oldest has; also degraded while a share owed back after a refund
 * keeps failing to be reversed. Not part of readiness.
 */
public final class VendorTransfersHealth implements ReactiveHealthIndicator {

    private static final Status DEGRADED = new Status("DEGRADED", "vendor transfers are overdue");

    static final Duration LAG_ALLOWED = Duration.ofMinutes(5);

    /**
     * Failed tries of one reversal before health degrades (5 s doubling: about 5
     * minutes).
     */
    static final int REVERSAL_ATTEMPTS_ALLOWED = 6;

    private final DatabaseClient database;

    public VendorTransfersHealth(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<Health> health() {
        return database
            // updated_at: when the sub-order was paid (a retry's wait moves
            // transfer_due_at,
            // never updated_at), so a transfer Stripe keeps refusing grows old here.
            // Shares held for suspended vendors, or for vendors whose payout account
            // cannot be paid yet, wait on purpose: counted apart, never overdue.
            .sql("""
                    SELECT count(*) FILTER (WHERE NOT suspended AND payable) AS due,
                           coalesce(extract(epoch FROM now() - min(updated_at)
                                    FILTER (WHERE NOT suspended AND payable)), 0) AS oldest,
                           coalesce(max(transfer_attempts) FILTER (WHERE NOT suspended AND payable), 0) AS attempts,
                           count(*) FILTER (WHERE suspended) AS held,
                           count(*) FILTER (WHERE NOT suspended AND NOT payable) AS awaiting_payouts,
                           (SELECT count(*) FROM sub_orders WHERE reversal_due_at IS NOT NULL) AS reversals_owed,
                           (SELECT coalesce(max(reversal_attempts), 0) FROM sub_orders
                            WHERE reversal_due_at IS NOT NULL) AS reversal_attempts
                    FROM (SELECT s.updated_at, s.transfer_attempts, {HELD_BY_SUSPENSION} AS suspended,
                                 v.payouts_enabled AS payable
                          FROM sub_orders s JOIN vendors v ON v.id = s.vendor_id
                          WHERE s.transfer_due_at IS NOT NULL) AS due
                    """.replace("{HELD_BY_SUSPENSION}", VendorConditions.heldBySuspension("v")))
            .map(row -> {
                double oldestSeconds = Math.max(0, ((Number) row.get("oldest")).doubleValue());
                // A reversal failing again and again (about 5 minutes of retries).
                boolean reversalsStuck = ((Number) row.get("reversal_attempts"))
                    .intValue() >= REVERSAL_ATTEMPTS_ALLOWED;
                Health.Builder health = oldestSeconds > LAG_ALLOWED.toSeconds() || reversalsStuck
                        ? Health.status(DEGRADED) : Health.up();
                return health.withDetail("transfersDue", row.get("due", Long.class))
                    .withDetail("oldestWaitingSeconds", Math.round(oldestSeconds))
                    .withDetail("mostAttempts", ((Number) row.get("attempts")).intValue())
                    .withDetail("heldForSuspendedVendors", row.get("held", Long.class))
                    .withDetail("heldUntilPayoutsEnabled", row.get("awaiting_payouts", Long.class))
                    .withDetail("reversalsOwed", row.get("reversals_owed", Long.class))
                    .withDetail("mostReversalAttempts", ((Number) row.get("reversal_attempts")).intValue())
                    .build();
            })
            .one();
    }

}
