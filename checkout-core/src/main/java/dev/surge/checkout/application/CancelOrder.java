package dev.surge.checkout.application;

import java.time.Clock;
import java.util.function.Supplier;

import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.OrderTransition;
import dev.surge.checkout.port.ConcurrentOrderUpdate;
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

    private final Clock clock;

    public CancelOrder(Orders orders, PaymentGateway payments, StockReservations reservations,
            SettlePayment settlePayment, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.reservations = reservations;
        this.settlePayment = settlePayment;
        this.clock = clock;
    }

    /**
     * Emits what cancelling came to; completes empty when the order does not exist for
     * this caller.
     */
    public Mono<Outcome> cancel(OrderId id, @Nullable CustomerId customer, @Nullable String orderToken) {
        return orders.find(id).filter(order -> order.opensFor(customer, orderToken)).flatMap(this::cancel);
    }

    /**
     * Cancels the order only while it still waits for payment (a paid one is left as it
     * is, {@code NotCancellable}): for cancellations Surge decides on its own, which must
     * never refund a payment that succeeded meanwhile. Completes empty for an unknown
     * order.
     */
    public Mono<Outcome> cancelIfPending(OrderId id) {
        return orders.find(id)
            .flatMap(order -> order.status() == OrderStatus.PENDING_PAYMENT ? cancelPending(order)
                    : Mono.just(new Outcome.NotCancellable(order)));
    }

    private Mono<Outcome> cancel(Order order) {
        return switch (order.status()) {
            case PENDING_PAYMENT -> cancelPending(order);
            // Withdrawing moves the order's version: the refund moves the order as it is
            // after it.
            case PAID -> orders.withdrawFromVendors(order.id())
                .flatMap(withdrawn -> withdrawn ? orders.find(order.id()).flatMap(this::refundWithdrawn)
                        : Mono.just(new Outcome.PartlyShipped(order)));
            default -> Mono.just(new Outcome.NotCancellable(order));
        };
    }

    /**
     * The order as it is after withdrawing: refunded unless another cancel (or the
     * refund's webhook) got there first.
     */
    private Mono<Outcome> refundWithdrawn(Order current) {
        return switch (current.status()) {
            case PAID -> refund(current);
            case REFUNDED -> Mono.just(new Outcome.Cancelled(current));
            default -> Mono.just(new Outcome.NotCancellable(current));
        };
    }

    /**
     * Refunds a paid order whose sub-orders were withdrawn; if Stripe refuses or fails,
     * the vendors get them back and the order stays paid. The refund's move makes the
     * vendors' transferred shares owed back ({@link TakeBackVendorShares} takes them).
     */
    private Mono<Outcome> refund(Order order) {
        return payments.refund(SettlePayment.refundOf(order, "cancel"))
            .onErrorResume(failure -> orders.returnToVendors(order.id()).then(Mono.error(failure)))
            .then(moveTo(() -> order.refund(clock.instant())))
            .map(Outcome.Cancelled::new);
    }

    private Mono<Outcome> cancelPending(Order order) {
        if (order.payment() == null) {
            return reservations.release(order.reservation())
                .then(moveTo(() -> order.cancel(clock.instant())))
                .map(Outcome.Cancelled::new);
        }
        return payments.cancel(order.payment())
            .then(reservations.release(order.reservation()))
            .then(moveTo(() -> order.cancel(clock.instant())))
            .<Outcome>map(Outcome.Cancelled::new)
            // Stripe refuses: the payment succeeded before its webhook came. Settle it,
            // then cancel what it became.
            .onErrorResume(PaymentRequestRefused.class,
                    refused -> settlePayment.refreshAndSettle(order.payment())
                        .then(orders.find(order.id()))
                        .flatMap(settled -> settled.status() == OrderStatus.PENDING_PAYMENT
                                ? Mono.just(new Outcome.NotCancellable(settled)) : cancel(settled)));
    }

    /**
     * Moves the order, accepting that a payment event got there first (the webhook of the
     * refund or cancellation just asked for may settle the order concurrently).
     */
    private Mono<Order> moveTo(Supplier<OrderTransition> move) {
        return Mono.defer(() -> {
            OrderTransition transition = move.get();
            return orders.record(transition)
                .onErrorResume(ConcurrentOrderUpdate.class,
                        raced -> orders.find(transition.to().id())
                            .filter(current -> current.status() == transition.to().status())
                            .switchIfEmpty(Mono.error(raced)));
        });
    }

    /** What cancelling came to. */
    public sealed interface Outcome {

        Order order();

        record Cancelled(Order order) implements Outcome {
        }

        record NotCancellable(Order order) implements Outcome {
        }

        /**
         * Paid, but a vendor has shipped its part: goods on their way are not refunded
         * here.
         */
        record PartlyShipped(Order order) implements Outcome {
        }

    }

}
