package dev.surge.checkout.application;

import java.time.Clock;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.VendorAccount;
import dev.surge.checkout.port.AuditLog;
import dev.surge.checkout.port.Offers;
import dev.surge.checkout.port.PayoutAccounts;
import dev.surge.checkout.port.Transactions;
import dev.surge.checkout.port.VendorAccounts;
import reactor.core.publisher.Mono;

/**
 * The payment provider says a vendor's connected account changed: Surge asks where it
 * stands now and records whether payouts are enabled. Asking, rather than trusting the
 * event's copy, makes late, repeated and reordered notifications harmless: each one
 * leaves the vendor as the provider sees it at that moment.
 */
public final class TrackPayoutAccount {

    /** Who the audit log names for changes the provider reported. */
    static final Actor PROVIDER = new Actor("stripe", "payment-provider");

    private final VendorAccounts vendors;

    private final PayoutAccounts payoutAccounts;

    private final AuditLog audit;

    private final Transactions transactions;

    private final Offers offers;

    private final Clock clock;

    public TrackPayoutAccount(VendorAccounts vendors, PayoutAccounts payoutAccounts, AuditLog audit,
            Transactions transactions, Offers offers, Clock clock) {
        this.vendors = vendors;
        this.payoutAccounts = payoutAccounts;
        this.audit = audit;
        this.transactions = transactions;
        this.offers = offers;
        this.clock = clock;
    }

    public sealed interface Result {

        /** Payouts were switched on or off. */
        record Changed(VendorAccount vendor) implements Result {
        }

        /** The vendor already stood so. */
        record Unchanged(VendorAccount vendor) implements Result {
        }

        /** No vendor of this marketplace has that account. */
        record UnknownAccount(ConnectedAccountId account) implements Result {
        }

    }

    public Mono<Result> track(ConnectedAccountId account) {
        return vendors.findByPayoutAccount(account)
            .flatMap(known -> payoutAccounts.standing(account)
                .flatMap(standing -> apply(standing.account(), standing.payoutsEnabled(), "vendor.payouts-disabled")))
            .defaultIfEmpty(new Result.UnknownAccount(account));
    }

    /**
     * The account left the platform (its owner disconnected it from Stripe): nothing can
     * be paid to it any more, nor read from it, so payouts are off without asking. The
     * vendor's shares wait, owed, for the operator.
     */
    public Mono<Result> disconnected(ConnectedAccountId account) {
        return vendors.findByPayoutAccount(account)
            .flatMap(known -> apply(account, false, "vendor.payout-account-disconnected"))
            .defaultIfEmpty(new Result.UnknownAccount(account));
    }

    private Mono<Result> apply(ConnectedAccountId account, boolean payoutsEnabled, String disabledAction) {
        Mono<Result> attempt = Mono.defer(() -> vendors.findByPayoutAccount(account).flatMap(current -> {
            if (current.payoutsEnabled() == payoutsEnabled) {
                return Mono.just(new Result.Unchanged(current));
            }
            VendorAccount changed = current.withPayoutsEnabled(payoutsEnabled);
            String action = payoutsEnabled ? "vendor.payouts-enabled" : disabledAction;
            AuditEntry entry = new AuditEntry(clock.instant(), PROVIDER, current.id(), action,
                    VendorAudit.target(current.id()), VendorAudit.state(current), VendorAudit.state(changed));
            return VendorAudit.recorded(vendors, audit, transactions, changed, entry)
                .<Result>map(Result.Changed::new)
                // Whether the vendor sells may depend on it
                // (surge.vendors.sell-without-payouts).
                .flatMap(result -> offers.refresh().thenReturn(result));
        }));
        return ConcurrentUpdates.retried(attempt);
    }

}
