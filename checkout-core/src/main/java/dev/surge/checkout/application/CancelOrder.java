package dev.surge.checkout.application;

import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.RefundRequest;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.checkout.port.PaymentRequestRefused;
import dev.surge.checkout.port.StockReservations;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The customer calls an order off. A pending order's payment is cancelled, its stock
 * given back and the order {@code CANCELLED}; a paid order is refunded in full and
 * becomes {@code REFUNDED} (its goods were sold: returns restock them, not this).
 */
public final class CancelOrder {

    private final Orders orders;

    private final PaymentGateway payments;

    private final StockReservations reservations;

    private final SettlePayment settlePayment;

    public CancelOrder(Orders orders, PaymentGateway payments, StockReservations reservations,
            SettlePayment settlePayment) {
        this.orders = orders;
        this.payments = payments;
        this.reservations = reservations;
        this.settlePayment = settlePayment;
    }

    /**
     * Emits what cancelling came to; completes empty when the order does not exist for
     * this caller.
     */
    public Mono<Outcome> cancel(OrderId id, @Nullable CustomerId customer, @Nullable String orderToken) {
        return orders.find(id)
            .filter(order -> order.opensFor(customer, orderToken))
            .flatMap(order -> switch (order.status()) {
                case PENDING_PAYMENT -> cancelPending(order);
                case PAID -> payments.refund(new RefundRequest(order.payment(), null, "cancel"))
                    .then(orders.transition(order, OrderStatus.REFUNDED))
                    .map(Outcome.Cancelled::new);
                default -> Mono.just(new Outcome.NotCancellable(order));
            });
    }

    private Mono<Outcome> cancelPending(Order order) {
        Mono<Void> stopPayment = order.payment() == null ? Mono.empty() : payments.cancel(order.payment())
            .then()
            // Paid meanwhile: settle first, then this is a paid order's cancellation.
            .onErrorResume(PaymentRequestRefused.class,
                    refused -> settlePayment.settle(order.payment()).then(Mono.error(refused)));
        return stopPayment.then(reservations.release(order.reservation()))
            .then(orders.transition(order, OrderStatus.CANCELLED))
            .<Outcome>map(Outcome.Cancelled::new)
            .onErrorResume(PaymentRequestRefused.class, refused -> cancel(order.id(), order.customer(), null)
                .defaultIfEmpty(new Outcome.NotCancellable(order)));
    }

    /** What cancelling came to. */
    public sealed interface Outcome {

        Order order();

        record Cancelled(Order order) implements Outcome {
        }

        record NotCancellable(Order order) implements Outcome {
        }

    }

}
