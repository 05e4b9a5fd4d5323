package dev.surge.checkout.application;

import java.time.Clock;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorAccount;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorRole;
import dev.surge.checkout.domain.VendorStatus;
import dev.surge.checkout.port.AuditLog;
import dev.surge.checkout.port.Transactions;
import dev.surge.checkout.port.VendorAccounts;
import dev.surge.checkout.port.VendorTeams;
import reactor.core.publisher.Mono;

/**
 * A signed-in customer applies to sell: a vendor waiting for the operator, with the
 * applicant as its owner (their next request may act for it with the same token). One
 * waiting application per person: applying again answers the one that waits.
 */
public final class ApplyAsVendor {

    private final VendorAccounts accounts;

    private final VendorTeams teams;

    private final AuditLog audit;

    private final Transactions transactions;

    private final Supplier<UUID> ids;

    private final BasisPoints defaultCommission;

    private final Clock clock;

    public ApplyAsVendor(VendorAccounts accounts, VendorTeams teams, AuditLog audit, Transactions transactions,
            Supplier<UUID> ids, BasisPoints defaultCommission, Clock clock) {
        this.accounts = accounts;
        this.teams = teams;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.defaultCommission = defaultCommission;
        this.clock = clock;
    }

    /** An application as the applicant wrote it. */
    public record Application(String applicant, String name, String email, CountryCode country,
            Currency defaultCurrency) {
    }

    public sealed interface Result {

        VendorAccount vendor();

        record Applied(VendorAccount vendor) implements Result {
        }

        /** The applicant's earlier application still waits; nothing new was stored. */
        record AlreadyWaiting(VendorAccount vendor) implements Result {
        }

    }

    public Mono<Result> apply(Application application) {
        return waitingApplicationOf(application.applicant()).<Result>map(Result.AlreadyWaiting::new)
            .switchIfEmpty(Mono.defer(() -> open(application)));
    }

    private Mono<VendorAccount> waitingApplicationOf(String applicant) {
        return teams.memberships(applicant)
            .flatMapIterable(memberships -> memberships)
            .filter(membership -> membership.role() == VendorRole.OWNER)
            .concatMap(membership -> accounts.find(membership.vendor()))
            .filter(vendor -> vendor.status() == VendorStatus.PENDING_APPROVAL)
            .next();
    }

    private Mono<Result> open(Application application) {
        VendorAccount vendor = VendorAccount.application(new VendorId(ids.get()), application.name(),
                application.email(), application.country(), application.defaultCurrency(), defaultCommission,
                clock.instant());
        Membership owner = new Membership(vendor.id(), application.applicant(), VendorRole.OWNER);
        AuditEntry entry = new AuditEntry(vendor.createdAt(), new Actor(application.applicant(), "customer"),
                vendor.id(), "vendor.applied", VendorAudit.target(vendor.id()), null, VendorAudit.state(vendor));
        return transactions.inTransaction(
                () -> accounts.open(vendor, owner).then(audit.record(entry)).thenReturn(new Result.Applied(vendor)));
    }

}
