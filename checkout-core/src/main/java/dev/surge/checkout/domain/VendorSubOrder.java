package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A sub-order as its vendor sees it: its lines, totals, the commission kept by the
 * marketplace, and its shipping.
 *
 * @param orderStatus where the whole order stands (a {@code PENDING} sub-order of a
 * {@code PAID} order waits for its vendor to accept it)
 */
public record VendorSubOrder(UUID id, OrderId orderId, VendorId vendorId, SubOrderStatus status,
        OrderStatus orderStatus, Totals totals, Money commission, List<PricedLine> lines, @Nullable String carrier,
        @Nullable String trackingNumber, Instant placedAt) {

    public VendorSubOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(orderStatus, "orderStatus");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(commission, "commission");
        lines = List.copyOf(lines);
        Objects.requireNonNull(placedAt, "placedAt");
    }

}
