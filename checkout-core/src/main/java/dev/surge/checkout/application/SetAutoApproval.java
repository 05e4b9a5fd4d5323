package dev.surge.checkout.application;

import java.time.Clock;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.VendorAccount;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.AuditLog;
import dev.surge.checkout.port.Transactions;
import dev.surge.checkout.port.VendorAccounts;
import reactor.core.publisher.Mono;

/**
 * An operator lets a vendor's products (and edits) through without review, or stops doing
 * so. What waits already still waits.
 */
public final class SetAutoApproval {

    private final VendorAccounts accounts;

    private final AuditLog audit;

    private final Transactions transactions;

    private final Clock clock;

    public SetAutoApproval(VendorAccounts accounts, AuditLog audit, Transactions transactions, Clock clock) {
        this.accounts = accounts;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Emits the vendor as it now is; completes empty when there is no such vendor. */
    public Mono<VendorAccount> set(Actor operator, VendorId vendor, boolean autoApproves) {
        Mono<VendorAccount> attempt = Mono.defer(() -> accounts.find(vendor).flatMap(current -> {
            if (current.autoApprovesProducts() == autoApproves) {
                return Mono.just(current);
            }
            VendorAccount changed = current.withAutoApproval(autoApproves);
            AuditEntry entry = new AuditEntry(clock.instant(), operator, vendor, "vendor.moderation-set",
                    VendorAudit.target(vendor), VendorAudit.state(current), VendorAudit.state(changed));
            return VendorAudit.recorded(accounts, audit, transactions, changed, entry);
        }));
        return ConcurrentUpdates.retried(attempt);
    }

}
