package dev.surge.checkout.application;

import dev.surge.checkout.domain.CommissionRules;
import dev.surge.checkout.port.CommissionRuleBook;
import reactor.core.publisher.Mono;

/** Every commission rule, past, present and future, for the operator. */
public final class ListCommissionRules {

    private final CommissionRuleBook book;

    public ListCommissionRules(CommissionRuleBook book) {
        this.book = book;
    }

    public Mono<CommissionRules> list() {
        return book.all();
    }

}
