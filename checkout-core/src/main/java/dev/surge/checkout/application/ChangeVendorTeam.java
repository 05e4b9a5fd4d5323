package dev.surge.checkout.application;

import java.time.Clock;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorRole;
import dev.surge.checkout.domain.VendorTeam;
import dev.surge.checkout.port.AuditLog;
import dev.surge.checkout.port.ConcurrentVendorUpdate;
import dev.surge.checkout.port.Transactions;
import dev.surge.checkout.port.VendorTeams;
import reactor.core.publisher.Mono;

/**
 * An owner adds a member, changes a member's role or removes one. The team decides
 * whether it may ({@link VendorTeam}: never without an owner); a change made while
 * another was being made is decided again on the team as it now is.
 */
public final class ChangeVendorTeam {

    private final VendorTeams teams;

    private final AuditLog audit;

    private final Transactions transactions;

    private final Clock clock;

    public ChangeVendorTeam(VendorTeams teams, AuditLog audit, Transactions transactions, Clock clock) {
        this.teams = teams;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The change asked for. */
    public sealed interface Command {

        String subject();

        record Add(String subject, VendorRole role) implements Command {
        }

        record ChangeRole(String subject, VendorRole role) implements Command {
        }

        record Remove(String subject) implements Command {
        }

    }

    /**
     * Emits the team's answer: {@link VendorTeam.Change.Made} once stored, or why it was
     * refused.
     */
    public Mono<VendorTeam.Change> change(Actor owner, VendorId vendor, Command command) {
        Mono<VendorTeam.Change> attempt = Mono.defer(() -> teams.team(vendor).flatMap(team -> {
            VendorTeam.Change change = switch (command) {
                case Command.Add add -> team.add(add.subject(), add.role());
                case Command.ChangeRole changeRole -> team.changeRole(changeRole.subject(), changeRole.role());
                case Command.Remove remove -> team.remove(remove.subject());
            };
            if (!(change instanceof VendorTeam.Change.Made made)) {
                return Mono.just(change);
            }
            AuditEntry entry = new AuditEntry(clock.instant(), owner, vendor, action(command),
                    VendorAudit.memberTarget(vendor, command.subject()),
                    made.before() == null ? null : VendorAudit.state(made.before()),
                    made.after() == null ? null : VendorAudit.state(made.after()));
            return transactions.inTransaction(() -> teams.record(made)
                .flatMap(recorded -> recorded ? audit.record(entry).thenReturn(change)
                        : Mono.error(new ConcurrentVendorUpdate("the team of vendor " + vendor))));
        }));
        return ConcurrentUpdates.retried(attempt);
    }

    private static String action(Command command) {
        return switch (command) {
            case Command.Add add -> "member.added";
            case Command.ChangeRole changeRole -> "member.role-changed";
            case Command.Remove remove -> "member.removed";
        };
    }

}
