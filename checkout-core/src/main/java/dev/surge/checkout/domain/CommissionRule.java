package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What the marketplace keeps of a line: {@code rate} of the line's goods amount plus a
 * {@code fixed} amount per line in the line's currency, at least {@code minimum} in that
 * currency, and never more than the line itself. A rule applies to a vendor, a category,
 * both, or the whole marketplace (its scope), from {@code effectiveFrom} until the next
 * rule of its scope starts or it is ended ({@code endsAt}).
 */
public record CommissionRule(UUID id, @Nullable VendorId vendor, @Nullable String category, BasisPoints rate,
        List<Money> fixed, List<Money> minimum, Instant effectiveFrom, @Nullable Instant endsAt) {

    /** How specific a rule is; the most specific rule in force wins. */
    public enum Scope {

        VENDOR_AND_CATEGORY, CATEGORY, VENDOR, MARKETPLACE

    }

    public CommissionRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        category = category == null ? null : Text.required(category, "category", 100);
        fixed = onePerCurrency(fixed, "fixed");
        minimum = onePerCurrency(minimum, "minimum");
        if (endsAt != null && endsAt.isBefore(effectiveFrom)) {
            throw new IllegalArgumentException("a rule cannot end before it starts");
        }
    }

    public Scope scope() {
        if (vendor != null) {
            return category != null ? Scope.VENDOR_AND_CATEGORY : Scope.VENDOR;
        }
        return category != null ? Scope.CATEGORY : Scope.MARKETPLACE;
    }

    /** Whether {@code other} covers exactly the same vendors and categories. */
    public boolean sameScopeAs(CommissionRule other) {
        return Objects.equals(vendor, other.vendor) && Objects.equals(category, other.category);
    }

    public boolean appliesTo(VendorId lineVendor, @Nullable String lineCategory) {
        return (vendor == null || vendor.equals(lineVendor)) && (category == null || category.equals(lineCategory));
    }

    /** Whether it has started by {@code at} and was not ended by then. */
    public boolean startedAndNotEnded(Instant at) {
        return !at.isBefore(effectiveFrom) && (endsAt == null || at.isBefore(endsAt));
    }

    /** The rule ended at {@code at} (at once, if it had not started yet). */
    public CommissionRule endedAt(Instant at) {
        Instant end = at.isBefore(effectiveFrom) ? effectiveFrom : at;
        return new CommissionRule(id, vendor, category, rate, fixed, minimum, effectiveFrom,
                endsAt != null && endsAt.isBefore(end) ? endsAt : end);
    }

    /**
     * The commission on a line of {@code amount}: rate (rounded half up) plus the fixed
     * amount, raised to the minimum, capped at the line. Never negative, never above the
     * line.
     */
    public Money commissionOn(Money amount) {
        Currency currency = amount.currency();
        Money commission = rate.of(amount).plus(in(fixed, currency));
        Money floor = in(minimum, currency);
        if (floor.isGreaterThan(commission)) {
            commission = floor;
        }
        return commission.isGreaterThan(amount) ? amount : commission;
    }

    private static Money in(List<Money> amounts, Currency currency) {
        return amounts.stream()
            .filter(amount -> amount.currency().equals(currency))
            .findFirst()
            .orElse(Money.zero(currency));
    }

    private static List<Money> onePerCurrency(List<Money> amounts, String field) {
        List<Money> copy = List.copyOf(amounts);
        if (copy.stream().map(Money::currency).distinct().count() != copy.size()) {
            throw new IllegalArgumentException(field + " has one amount per currency");
        }
        return copy;
    }

}
