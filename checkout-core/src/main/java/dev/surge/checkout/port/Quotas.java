package dev.surge.checkout.port;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Quotas kept where every instance sees them. Errors with {@link InventoryUnavailable}
 * when the store cannot be reached or does not answer in time; callers decide whether to
 * let the request through unchecked.
 */
public interface Quotas {

    /**
     * Counts one request against each of {@code quotas}, all or none: the first with no
     * room refuses the request and none is counted.
     */
    Mono<QuotaVerdict> take(List<Quota> quotas);

}
