package dev.surge.checkout.application;

import java.net.URI;
import java.time.Clock;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.VendorAccount;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.AuditLog;
import dev.surge.checkout.port.PayoutAccounts;
import dev.surge.checkout.port.Transactions;
import dev.surge.checkout.port.VendorAccounts;
import reactor.core.publisher.Mono;

/**
 * A vendor's owner starts (or resumes) the payment provider's onboarding: the vendor's
 * connected account is opened the first time, then each call answers a fresh single-use
 * link to the provider's pages. Whether payouts end up enabled is the provider's to say,
 * later ({@link TrackPayoutAccount}).
 */
public final class StartPayoutOnboarding {

    private final VendorAccounts vendors;

    private final PayoutAccounts payoutAccounts;

    private final AuditLog audit;

    private final Transactions transactions;

    private final Clock clock;

    public StartPayoutOnboarding(VendorAccounts vendors, PayoutAccounts payoutAccounts, AuditLog audit,
            Transactions transactions, Clock clock) {
        this.vendors = vendors;
        this.payoutAccounts = payoutAccounts;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public sealed interface Result {

        /** Where to send the vendor's owner. */
        record Link(URI url) implements Result {
        }

        /** A rejected or suspended vendor onboards nothing; nothing was opened. */
        record NotAllowed(VendorAccount vendor) implements Result {
        }

        record NoSuchVendor() implements Result {
        }

    }

    public Mono<Result> start(Actor owner, VendorId vendorId) {
        Mono<Result> attempt = Mono.defer(() -> vendors.find(vendorId).flatMap(current -> {
            if (!current.mayOnboardPayouts()) {
                return Mono.just(new Result.NotAllowed(current));
            }
            return withAccount(owner, current).flatMap(vendor -> payoutAccounts.onboardingLink(vendor.payoutAccount()))
                .map(Result.Link::new);
        }).defaultIfEmpty(new Result.NoSuchVendor()));
        return ConcurrentUpdates.retried(attempt);
    }

    /**
     * The vendor with its account, opened now if it has none. Two owners at once open the
     * same account (the provider's call is idempotent per vendor); one records it, the
     * other reads it on its retry.
     */
    private Mono<VendorAccount> withAccount(Actor owner, VendorAccount current) {
        if (current.payoutAccount() != null) {
            return Mono.just(current);
        }
        return payoutAccounts.open(current).flatMap(account -> {
            VendorAccount opened = current.withPayoutAccount(account);
            AuditEntry entry = new AuditEntry(clock.instant(), owner, current.id(), "vendor.payout-account-opened",
                    VendorAudit.target(current.id()), VendorAudit.state(current), VendorAudit.state(opened));
            return VendorAudit.recorded(vendors, audit, transactions, opened, entry);
        });
    }

}
