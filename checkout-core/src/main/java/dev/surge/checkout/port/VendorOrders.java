package dev.surge.checkout.port;

import java.util.List;
import java.util.UUID;

import dev.surge.checkout.domain.Payout;
import dev.surge.checkout.domain.SubOrderStatus;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorSubOrder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Sub-orders by vendor, always scoped to one vendor: another vendor's sub-order does not
 * exist here. They change with their orders ({@link Orders#record}).
 */
public interface VendorOrders {

    /**
     * Emits one page of the vendor's sub-orders, newest first, after {@code after} (a
     * sub-order id from the previous page), filtered by {@code status} when given.
     */
    Mono<List<VendorSubOrder>> page(VendorId vendor, @Nullable SubOrderStatus status, @Nullable UUID after, int limit);

    /** Emits the vendor's payouts, newest first, at most {@code limit}. */
    Mono<List<Payout>> payouts(VendorId vendor, int limit);

    /**
     * Emits the vendor's sub-order; completes empty when the vendor has none with this
     * id.
     */
    Mono<VendorSubOrder> find(VendorId vendor, UUID subOrderId);

}
