package dev.surge.checkout.application;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.CommissionRule;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.AuditLog;
import dev.surge.checkout.port.CommissionRuleBook;
import dev.surge.checkout.port.Offers;
import dev.surge.checkout.port.Transactions;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An operator adds a commission rule, from now or from a date to come (never in the past:
 * orders already placed keep what was frozen on them). It succeeds the rule of its scope
 * in force then; one starting at the same instant in the same scope is refused. Checkouts
 * on this instance use it from the answer on.
 */
public final class AddCommissionRule {

    private final CommissionRuleBook book;

    private final AuditLog audit;

    private final Transactions transactions;

    private final Offers offers;

    private final Supplier<UUID> ids;

    private final Clock clock;

    public AddCommissionRule(CommissionRuleBook book, AuditLog audit, Transactions transactions, Offers offers,
            Supplier<UUID> ids, Clock clock) {
        this.book = book;
        this.audit = audit;
        this.transactions = transactions;
        this.offers = offers;
        this.ids = ids;
        this.clock = clock;
    }

    /** A rule as the operator writes it; {@code effectiveFrom} {@code null} is now. */
    public record Draft(@Nullable VendorId vendor, @Nullable String category, BasisPoints rate, List<Money> fixed,
            List<Money> minimum, @Nullable Instant effectiveFrom) {
    }

    public sealed interface Outcome {

        record Added(CommissionRule rule) implements Outcome {
        }

        record UnknownVendor(VendorId vendor) implements Outcome {
        }

        record UnknownCategory(String category) implements Outcome {
        }

        record StartsInThePast(Instant effectiveFrom) implements Outcome {
        }

        /**
         * A rule of the same scope starts at the same instant: both would be in force.
         */
        record Clashes(CommissionRule existing) implements Outcome {
        }

    }

    public Mono<Outcome> add(Actor operator, Draft draft) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Instant from = draft.effectiveFrom() == null ? now : draft.effectiveFrom();
            if (from.isBefore(now.minusSeconds(1))) {
                return Mono.just(new Outcome.StartsInThePast(from));
            }
            CommissionRule rule = new CommissionRule(ids.get(), draft.vendor(), draft.category(), draft.rate(),
                    draft.fixed(), draft.minimum(), from, null);
            Mono<Boolean> vendorKnown = draft.vendor() == null ? Mono.just(true) : book.vendorExists(draft.vendor());
            Mono<Boolean> categoryKnown = draft.category() == null ? Mono.just(true)
                    : book.categoryExists(draft.category());
            return Mono.zip(vendorKnown, categoryKnown).flatMap(known -> {
                if (!known.getT1()) {
                    return Mono.just(new Outcome.UnknownVendor(draft.vendor()));
                }
                if (!known.getT2()) {
                    return Mono.just(new Outcome.UnknownCategory(draft.category()));
                }
                AuditEntry entry = new AuditEntry(now, operator, draft.vendor(), "commission-rule.added", target(rule),
                        null, state(rule));
                return transactions.inTransaction(() -> book.allForChange()
                    .flatMap(rules -> rules.clashingWith(rule)
                        .<Mono<Outcome>>map(existing -> Mono.just(new Outcome.Clashes(existing)))
                        .orElseGet(() -> book.add(rule).then(audit.record(entry)).thenReturn(new Outcome.Added(rule)))))
                    .flatMap(outcome -> outcome instanceof Outcome.Added ? offers.refresh().thenReturn(outcome)
                            : Mono.just(outcome));
            });
        });
    }

    static String target(CommissionRule rule) {
        return "commission-rule:" + rule.id();
    }

    static Map<String, Object> state(CommissionRule rule) {
        Map<String, Object> state = new LinkedHashMap<>();
        if (rule.vendor() != null) {
            state.put("vendorId", rule.vendor().toString());
        }
        if (rule.category() != null) {
            state.put("category", rule.category());
        }
        state.put("rateBps", rule.rate().value());
        state.put("fixed", rule.fixed().stream().map(AddCommissionRule::text).toList());
        state.put("minimum", rule.minimum().stream().map(AddCommissionRule::text).toList());
        state.put("effectiveFrom", rule.effectiveFrom().toString());
        if (rule.endsAt() != null) {
            state.put("endsAt", rule.endsAt().toString());
        }
        return state;
    }

    private static String text(Money amount) {
        return amount.minor() + " " + amount.currency().getCurrencyCode();
    }

}
