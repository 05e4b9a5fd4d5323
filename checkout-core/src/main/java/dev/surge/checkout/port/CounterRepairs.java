package dev.surge.checkout.port;

import java.util.List;

import dev.surge.checkout.domain.Sku;
import reactor.core.publisher.Mono;

/**
 * Brings the hot counters of {@code skus} back in step with the stock of record, now: for
 * a reservation store that found them gone back in time (a restored snapshot) while
 * holding stock, so it holds only once they are repaired.
 */
@FunctionalInterface
public interface CounterRepairs {

    /** Completes once each SKU's counters were repaired from the stock of record. */
    Mono<Void> repair(List<Sku> skus);

}
