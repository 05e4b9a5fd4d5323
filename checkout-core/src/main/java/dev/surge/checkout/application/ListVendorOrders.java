package dev.surge.checkout.application;

import java.util.List;
import java.util.UUID;

import dev.surge.checkout.domain.Payout;
import dev.surge.checkout.domain.SubOrderStatus;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorSubOrder;
import dev.surge.checkout.port.VendorOrders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What a vendor reads about its business: its sub-orders page by page, and its payouts.
 */
public final class ListVendorOrders {

    private final VendorOrders vendorOrders;

    public ListVendorOrders(VendorOrders vendorOrders) {
        this.vendorOrders = vendorOrders;
    }

    /** Emits one page of the vendor's own sub-orders, newest first. */
    public Mono<List<VendorSubOrder>> list(VendorId vendor, @Nullable SubOrderStatus status, @Nullable UUID after,
            int limit) {
        return vendorOrders.page(vendor, status, after, limit);
    }

    /** Emits the vendor's own payouts, newest first. */
    public Mono<List<Payout>> payouts(VendorId vendor) {
        return vendorOrders.payouts(vendor, 100);
    }

}
