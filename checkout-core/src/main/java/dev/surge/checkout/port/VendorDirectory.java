package dev.surge.checkout.port;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import dev.surge.checkout.domain.CommissionPolicy;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorTerms;
import reactor.core.publisher.Mono;

/** The terms agreed with vendors, from the store of record. */
public interface VendorDirectory {

    /** Emits the terms of those of {@code vendors} that exist. */
    Mono<Map<VendorId, VendorTerms>> terms(Collection<VendorId> vendors);

    /**
     * Emits how the commission of lines placed at {@code at} is decided: by the
     * commission rules in force then (see
     * {@link dev.surge.checkout.domain.CommissionRules}), each line by its vendor and its
     * product's category.
     */
    Mono<CommissionPolicy> commissions(Instant at);

}
