package dev.surge.checkout.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A vendor's members. The team always keeps an owner: a change that would leave none is
 * refused. {@code version} counts the changes, so two owners changing the team at once
 * cannot together remove every owner.
 */
public record VendorTeam(VendorId vendor, List<Membership> members, long version) {

    public VendorTeam {
        Objects.requireNonNull(vendor, "vendor");
        members = List.copyOf(members);
        if (members.stream().anyMatch(member -> !member.vendor().equals(vendor))) {
            throw new IllegalArgumentException("a team holds members of its own vendor only");
        }
        if (members.stream().map(Membership::subject).distinct().count() != members.size()) {
            throw new IllegalArgumentException("a person is a member of a team once");
        }
    }

    public Optional<Membership> member(String subject) {
        return members.stream().filter(member -> member.subject().equals(subject)).findFirst();
    }

    /** What a change to the team came to. */
    public sealed interface Change {

        /**
         * The team after the change; {@code before} and {@code after} are the member's
         * place in it ({@code null} when it was not, or is no longer, a member).
         */
        record Made(VendorTeam team, @Nullable Membership before, @Nullable Membership after) implements Change {
        }

        /** Nothing changed. */
        record Refused(Refusal refusal) implements Change {
        }

    }

    public enum Refusal {

        ALREADY_A_MEMBER, NOT_A_MEMBER, LAST_OWNER

    }

    public Change add(String subject, VendorRole role) {
        if (member(subject).isPresent()) {
            return new Change.Refused(Refusal.ALREADY_A_MEMBER);
        }
        Membership added = new Membership(vendor, subject, role);
        List<Membership> after = new ArrayList<>(members);
        after.add(added);
        return new Change.Made(new VendorTeam(vendor, after, version + 1), null, added);
    }

    public Change changeRole(String subject, VendorRole role) {
        return member(subject).<Change>map(before -> {
            Membership changed = new Membership(vendor, subject, role);
            return keepsAnOwner(before, changed) ? new Change.Made(replace(before, changed), before, changed)
                    : new Change.Refused(Refusal.LAST_OWNER);
        }).orElseGet(() -> new Change.Refused(Refusal.NOT_A_MEMBER));
    }

    public Change remove(String subject) {
        return member(subject)
            .<Change>map(before -> keepsAnOwner(before, null) ? new Change.Made(replace(before, null), before, null)
                    : new Change.Refused(Refusal.LAST_OWNER))
            .orElseGet(() -> new Change.Refused(Refusal.NOT_A_MEMBER));
    }

    private boolean keepsAnOwner(Membership before, @Nullable Membership after) {
        long owners = members.stream().filter(member -> member.role() == VendorRole.OWNER).count();
        boolean losesOne = before.role() == VendorRole.OWNER && (after == null || after.role() != VendorRole.OWNER);
        return !losesOne || owners > 1;
    }

    private VendorTeam replace(Membership before, @Nullable Membership after) {
        List<Membership> changed = new ArrayList<>();
        for (Membership member : members) {
            if (!member.equals(before)) {
                changed.add(member);
            }
            else if (after != null) {
                changed.add(after);
            }
        }
        return new VendorTeam(vendor, changed, version + 1);
    }

}
