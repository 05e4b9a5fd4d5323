package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What happened to an order, as its transitions report it. Each change is published as
 * the events of docs/events.md ({@link #published()}), written with the change itself.
 */
public sealed interface OrderChange {

    /** The order as this change left it. */
    Order order();

    Instant at();

    /** The events this change is published as: their types, vendors and payloads. */
    default List<Published> published() {
        Order order = order();
        List<Published> events = new ArrayList<>();
        switch (this) {
            case Placed placed -> {
                events.add(Published.status(order, at()));
                order.subOrders().forEach(sub -> events.add(Published.subOrder("suborder.created", order, sub)));
            }
            case Paid paid -> {
                events.add(Published.status(order, at()));
                order.subOrders().forEach(sub -> events.add(Published.subOrder("suborder.paid", order, sub)));
            }
            case Cancelled cancelled -> {
                events.add(Published.status(order, at()));
                subOrdersIn(order, SubOrderStatus.CANCELLED)
                    .forEach(sub -> events.add(Published.subOrder("suborder.cancelled", order, sub)));
            }
            case Refunded refunded -> {
                events.add(Published.status(order, at()));
                subOrdersIn(order, SubOrderStatus.CANCELLED)
                    .forEach(sub -> events.add(Published.subOrder("suborder.cancelled", order, sub)));
            }
            case SubOrderAccepted accepted -> events.add(Published.accepted(accepted));
            case SubOrderShipped shipped -> events.add(Published.shipped(shipped));
            case Fulfilled fulfilled -> events.add(Published.status(order, at()));
        }
        return events;
    }

    private static List<SubOrder> subOrdersIn(Order order, SubOrderStatus status) {
        return order.subOrders().stream().filter(sub -> sub.status() == status).toList();
    }

    /** Placed, pending payment, its stock held. */
    record Placed(Order order, Instant at) implements OrderChange {
    }

    /** Paid: its sub-orders wait for their vendors to accept them. */
    record Paid(Order order, Instant at) implements OrderChange {
    }

    /** Called off before payment (cancelled or expired): its sub-orders are cancelled. */
    record Cancelled(Order order, Instant at) implements OrderChange {
    }

    /** Refunded in full: its sub-orders not shipped are cancelled. */
    record Refunded(Order order, Instant at) implements OrderChange {
    }

    /** One vendor took on its paid sub-order. */
    record SubOrderAccepted(Order order, UUID subOrderId, Instant at) implements OrderChange {

        public SubOrderAccepted {
            Objects.requireNonNull(subOrderId, "subOrderId");
        }

    }

    /** One vendor shipped its sub-order. */
    record SubOrderShipped(Order order, UUID subOrderId, String carrier, String trackingNumber,
            Instant at) implements OrderChange {

        public SubOrderShipped {
            Objects.requireNonNull(subOrderId, "subOrderId");
            Objects.requireNonNull(carrier, "carrier");
            Objects.requireNonNull(trackingNumber, "trackingNumber");
        }

    }

    /** Every sub-order shipped. */
    record Fulfilled(Order order, Instant at) implements OrderChange {
    }

    /**
     * One event as it leaves Surge.
     *
     * @param vendor the vendor of a {@code suborder.*} event; {@code null} for
     * {@code order.status}
     * @param payload the event's data, shaped per type (docs/events.md)
     */
    record Published(String type, @Nullable VendorId vendor, Map<String, Object> payload) {

        static Published status(Order order, Instant at) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("orderId", order.id().toString());
            payload.put("status", order.status().name());
            payload.put("at", at.toString());
            return new Published("order.status", null, payload);
        }

        static Published subOrder(String type, Order order, SubOrder subOrder) {
            Map<String, Object> payload = subOrderIds(order, subOrder);
            payload.put("total", money(subOrder.totals().total()));
            payload.put("commission", money(subOrder.commission()));
            payload.put("lines",
                    order.lines()
                        .stream()
                        .filter(line -> line.vendorId().equals(subOrder.vendorId()))
                        .map(line -> Map.of("sku", line.sku().value(), "name", line.name(), "quantity", line.quantity(),
                                "lineTotal", money(line.lineTotal())))
                        .toList());
            return new Published(type, subOrder.vendorId(), payload);
        }

        static Published accepted(SubOrderAccepted accepted) {
            SubOrder subOrder = accepted.order().subOrder(accepted.subOrderId());
            return new Published("suborder.accepted", subOrder.vendorId(), subOrderIds(accepted.order(), subOrder));
        }

        static Published shipped(SubOrderShipped shipped) {
            SubOrder subOrder = shipped.order().subOrder(shipped.subOrderId());
            Map<String, Object> payload = subOrderIds(shipped.order(), subOrder);
            payload.put("carrier", shipped.carrier());
            payload.put("trackingNumber", shipped.trackingNumber());
            return new Published("suborder.shipped", subOrder.vendorId(), payload);
        }

        private static Map<String, Object> subOrderIds(Order order, SubOrder subOrder) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("orderId", order.id().toString());
            payload.put("subOrderId", subOrder.id().toString());
            payload.put("vendorId", subOrder.vendorId().toString());
            return payload;
        }

        private static Map<String, Object> money(Money money) {
            return Map.of("amount", money.minor(), "currency", money.currency().getCurrencyCode());
        }

    }

}
