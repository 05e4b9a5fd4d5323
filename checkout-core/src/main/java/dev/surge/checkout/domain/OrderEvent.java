package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One event of an order's life as it leaves Surge (docs/events.md): written to the outbox
 * in the transaction of the change it reports, published to Kafka afterwards, at least
 * once; consumers tell repeats by {@code eventId}.
 *
 * @param sequence position in the outbox, increasing in commit order; vendors resume
 * their streams from it
 * @param type {@code order.status}, {@code suborder.created}, {@code suborder.paid},
 * {@code suborder.cancelled}, {@code suborder.shipped}
 * @param vendorId the vendor a sub-order event is for; {@code null} for order events
 * @param payload the event's data as JSON text, shaped per type
 */
public record OrderEvent(UUID eventId, long sequence, String type, Instant occurredAt, OrderId orderId,
        @Nullable VendorId vendorId, String payload, int schemaVersion) {

    public static final int SCHEMA_VERSION = 1;

    public OrderEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(payload, "payload");
    }

    public boolean isForVendors() {
        return vendorId != null && type.startsWith("suborder.");
    }

}
