package dev.surge.checkout.application;

import java.time.Clock;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.IllegalVendorTransition;
import dev.surge.checkout.domain.VendorAccount;
import dev.surge.checkout.domain.VendorDecision;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.AuditLog;
import dev.surge.checkout.port.Offers;
import dev.surge.checkout.port.Transactions;
import dev.surge.checkout.port.VendorAccounts;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An operator approves, rejects, suspends or reinstates a vendor. The catalog follows at
 * once: a vendor that is not approved sells nothing from the next checkout on, while its
 * placed orders go on. Repeating a decision already taken answers the vendor unchanged.
 */
public final class DecideOnVendor {

    private final VendorAccounts accounts;

    private final AuditLog audit;

    private final Transactions transactions;

    private final Offers offers;

    private final Clock clock;

    public DecideOnVendor(VendorAccounts accounts, AuditLog audit, Transactions transactions, Offers offers,
            Clock clock) {
        this.accounts = accounts;
        this.audit = audit;
        this.transactions = transactions;
        this.offers = offers;
        this.clock = clock;
    }

    public sealed interface Result {

        /** Taken now, or before ({@code vendor} is as it stands). */
        record Decided(VendorAccount vendor) implements Result {
        }

        /** Not a decision the vendor's status allows; nothing changed. */
        record NotAllowed(VendorAccount vendor, VendorDecision decision) implements Result {
        }

        record NoSuchVendor() implements Result {
        }

    }

    /**
     * @param reason shown to the vendor; required to reject or suspend
     */
    public Mono<Result> decide(Actor operator, VendorId vendor, VendorDecision decision, @Nullable String reason) {
        Mono<Result> attempt = Mono.defer(() -> accounts.find(vendor).flatMap(current -> {
            if (current.alreadyDecided(decision)) {
                return Mono.just(new Result.Decided(current));
            }
            VendorAccount decided;
            try {
                decided = current.decide(decision, reason);
            }
            catch (IllegalVendorTransition refused) {
                return Mono.just(new Result.NotAllowed(current, decision));
            }
            AuditEntry entry = new AuditEntry(clock.instant(), operator, vendor, "vendor." + decision.pastTense(),
                    VendorAudit.target(vendor), VendorAudit.state(current), VendorAudit.state(decided));
            return VendorAudit.recorded(accounts, audit, transactions, decided, entry)
                .<Result>map(Result.Decided::new)
                // Answered once this instance's catalog shows the decision (others follow
                // the store's notification).
                .flatMap(result -> offers.refresh().thenReturn(result));
        }).defaultIfEmpty(new Result.NoSuchVendor()));
        return ConcurrentUpdates.retried(attempt);
    }

}
