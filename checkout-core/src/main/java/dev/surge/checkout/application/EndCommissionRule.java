package dev.surge.checkout.application;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.CommissionRule;
import dev.surge.checkout.port.AuditLog;
import dev.surge.checkout.port.CommissionRuleBook;
import dev.surge.checkout.port.Offers;
import dev.surge.checkout.port.Transactions;
import reactor.core.publisher.Mono;

/**
 * An operator ends a commission rule from now on (one that has not started never will);
 * its scope then has no rule until the next one starts, and the less specific rules
 * apply.
 */
public final class EndCommissionRule {

    private final CommissionRuleBook book;

    private final AuditLog audit;

    private final Transactions transactions;

    private final Offers offers;

    private final Clock clock;

    public EndCommissionRule(CommissionRuleBook book, AuditLog audit, Transactions transactions, Offers offers,
            Clock clock) {
        this.book = book;
        this.audit = audit;
        this.transactions = transactions;
        this.offers = offers;
        this.clock = clock;
    }

    /** Emits the rule as it now is; completes empty when there is no such rule. */
    public Mono<CommissionRule> end(Actor operator, UUID ruleId) {
        Instant now = clock.instant();
        return transactions.inTransaction(
                () -> book.allForChange().flatMap(rules -> Mono.justOrEmpty(rules.find(ruleId))).flatMap(rule -> {
                    CommissionRule ended = rule.endedAt(now);
                    if (ended.equals(rule)) {
                        return Mono.just(Optional.of(rule));
                    }
                    AuditEntry entry = new AuditEntry(now, operator, rule.vendor(), "commission-rule.ended",
                            AddCommissionRule.target(rule), AddCommissionRule.state(rule),
                            AddCommissionRule.state(ended));
                    return book.end(ruleId, now).then(audit.record(entry)).thenReturn(Optional.of(ended));
                }))
            .flatMap(ended -> offers.refresh().thenReturn(ended.orElseThrow()));
    }

}
