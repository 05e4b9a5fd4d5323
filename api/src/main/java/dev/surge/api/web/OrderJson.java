package dev.surge.api.web;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.PlacedOrder;
import dev.surge.checkout.domain.SubOrder;
import org.jspecify.annotations.Nullable;

/**
 * An order on the wire. The checkout answer adds {@code orderToken} (guests keep it to
 * read, pay and cancel the order) and the payment's {@code clientSecret}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderJson(String orderId, @Nullable String orderToken, String status, String email,
        CartJson.TotalsJson totals, List<CartJson.LineJson> lines, List<SubOrderJson> subOrders,
        @Nullable PaymentJson payment, String reservationExpiresAt, String placedAt) {

    static OrderJson placed(PlacedOrder placed) {
        Order order = placed.order();
        return of(order, placed.orderToken(),
                new PaymentJson("stripe", placed.payment().value(), placed.clientSecret(), null));
    }

    static OrderJson of(Order order) {
        return of(order, null,
                order.payment() == null ? null : new PaymentJson("stripe", order.payment().value(), null, null));
    }

    static OrderJson of(Order order, @Nullable String orderToken, @Nullable PaymentJson payment) {
        return new OrderJson(order.id().toString(), orderToken, order.status().name(), order.email(),
                CartJson.TotalsJson.of(order.totals()), order.lines().stream().map(CartJson.LineJson::of).toList(),
                order.subOrders().stream().map(SubOrderJson::of).toList(), payment,
                order.reservationExpiresAt().toString(), order.placedAt().toString());
    }

    /** One vendor's part: its total and the marketplace's commission on it. */
    public record SubOrderJson(String id, String vendorId, MoneyJson total, MoneyJson commission) {

        static SubOrderJson of(SubOrder subOrder) {
            return new SubOrderJson(subOrder.id().toString(), subOrder.vendorId().toString(),
                    MoneyJson.of(subOrder.totals().total()), MoneyJson.of(subOrder.commission()));
        }

    }

    /**
     * The order's payment at Stripe; {@code clientSecret} lets the storefront finish it
     * in the browser, {@code nextAction} says when the customer must act (3-D Secure).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentJson(String provider, String paymentIntentId, @Nullable String clientSecret,
            @Nullable String nextAction) {
    }

    static Map<String, Object> shortfall(String sku, int requested, int available) {
        return Map.of("sku", sku, "requested", requested, "available", available);
    }

}
