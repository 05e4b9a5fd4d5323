package dev.surge.checkout.port;

import java.time.Instant;
import java.util.UUID;

import dev.surge.checkout.domain.CommissionRule;
import dev.surge.checkout.domain.CommissionRules;
import reactor.core.publisher.Mono;

/** The commission rules of record. */
public interface CommissionRuleBook {

    /** Emits every rule, past, present and future. */
    Mono<CommissionRules> all();

    /**
     * Emits every rule and holds off other changes of the rules until the surrounding
     * unit of work ends (see {@link Transactions}), so a change decided on them cannot
     * race another.
     */
    Mono<CommissionRules> allForChange();

    /** Stores a new rule. */
    Mono<Void> add(CommissionRule rule);

    /** Ends a rule at {@code at}. */
    Mono<Void> end(UUID rule, Instant at);

    /** Emits whether {@code vendor} exists (a vendor rule needs one). */
    Mono<Boolean> vendorExists(dev.surge.checkout.domain.VendorId vendor);

    /** Emits whether products may be filed under {@code category}. */
    Mono<Boolean> categoryExists(String category);

}
