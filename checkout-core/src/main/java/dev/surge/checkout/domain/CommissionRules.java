package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Every commission rule, past, present and future. For a line, the rules of each scope
 * that applies succeed each other by date (the one that started last is in force, unless
 * it was ended); of the scopes with a rule in force, the most specific wins: vendor and
 * category, then category, then vendor, then the marketplace.
 */
public record CommissionRules(List<CommissionRule> rules) {

    public CommissionRules {
        rules = List.copyOf(rules);
    }

    public static CommissionRules none() {
        return new CommissionRules(List.of());
    }

    /** The rule that decides a line's commission at {@code at}, if any does. */
    public Optional<CommissionRule> inForce(VendorId vendor, @Nullable String category, Instant at) {
        return rules.stream()
            .filter(rule -> rule.appliesTo(vendor, category) && !at.isBefore(rule.effectiveFrom()))
            // Per scope, the one that started last, then the most specific scope.
            .sorted(Comparator.comparing(CommissionRule::scope)
                .thenComparing(CommissionRule::effectiveFrom, Comparator.reverseOrder()))
            .filter(latestOfItsScope())
            .filter(rule -> rule.startedAndNotEnded(at))
            .findFirst();
    }

    /**
     * The commission on {@code line} (of a product filed under {@code category}) and the
     * rule it was decided by; none in force: nothing is kept.
     */
    public LineCommission commissionOn(PricedLine line, @Nullable String category, Instant at) {
        Money amount = line.lineTotal();
        return inForce(line.vendorId(), category, at)
            .map(rule -> new LineCommission(line.sku(), rule.id(), rule.commissionOn(amount)))
            .orElseGet(() -> new LineCommission(line.sku(), null, Money.zero(amount.currency())));
    }

    /**
     * The rule of the same scope starting at the same instant, which would be in force at
     * the same time as {@code candidate}, if there is one (rules that never start, ended
     * at their start, do not count).
     */
    public Optional<CommissionRule> clashingWith(CommissionRule candidate) {
        return rules.stream()
            .filter(rule -> !rule.id().equals(candidate.id()) && rule.sameScopeAs(candidate)
                    && rule.effectiveFrom().equals(candidate.effectiveFrom())
                    && (rule.endsAt() == null || rule.endsAt().isAfter(rule.effectiveFrom())))
            .findFirst();
    }

    public Optional<CommissionRule> find(java.util.UUID id) {
        return rules.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /**
     * Keeps only the first rule met of each scope in a stream sorted by scope, newest
     * first.
     */
    private static java.util.function.Predicate<CommissionRule> latestOfItsScope() {
        List<CommissionRule> seen = new java.util.ArrayList<>();
        return rule -> {
            boolean first = seen.stream().noneMatch(rule::sameScopeAs);
            seen.add(rule);
            return first;
        };
    }

}
