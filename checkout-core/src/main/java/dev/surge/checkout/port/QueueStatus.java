package dev.surge.checkout.port;

import dev.surge.checkout.domain.Sku;
import java.time.Instant;

/**
 * Where a queue token stands: shoppers still admitted before it, whether it is admitted,
 * and whether its SKU has no stock left (then there is nothing to wait for).
 */
public record QueueStatus(Sku sku, int position, boolean admitted, boolean soldOut, Instant admittedAt) {
}
