package dev.surge.checkout.port;

import dev.surge.checkout.domain.Sku;
import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * How many units of each SKU can still be sold right now (on hand minus what is reserved
 * or sold).
 */
public interface StockLevels {

    /**
     * Emits the available units per SKU, never negative. A SKU the store does not know is
     * absent from the map, which callers read as zero. Emits an empty map for an empty
     * request without touching the store.
     */
    Mono<Map<Sku, Integer>> available(Collection<Sku> skus);

}
