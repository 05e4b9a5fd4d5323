package dev.surge.checkout.application;

import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.checkout.port.PaymentRequestRefused;
import reactor.core.publisher.Mono;

/**
 * An order's reservation expired before it was paid: its stock is back on sale already,
 * so the order is cancelled and its payment called off. Should the payment have succeeded
 * meanwhile, Stripe refuses the cancellation and settling the payment refunds it (see
 * {@link SettlePayment}).
 */
public final class ExpireOrder {

    private final Orders orders;

    private final PaymentGateway payments;

    private final SettlePayment settlePayment;

    public ExpireOrder(Orders orders, PaymentGateway payments, SettlePayment settlePayment) {
        this.orders = orders;
        this.payments = payments;
        this.settlePayment = settlePayment;
    }

    /** Completes once the order of the reservation is cancelled (or was not pending). */
    public Mono<Void> expire(ReservationId reservation) {
        return orders.find(new OrderId(reservation.value()))
            .filter(order -> order.status() == OrderStatus.PENDING_PAYMENT)
            .flatMap(order -> (order.payment() == null ? Mono.empty()
                    : payments.cancel(order.payment())
                        .then()
                        .onErrorResume(PaymentRequestRefused.class,
                                paidMeanwhile -> settlePayment.settle(order.payment()).then()))
                .then(orders.find(order.id()))
                .filter(current -> current.status() == OrderStatus.PENDING_PAYMENT)
                .flatMap(current -> orders.transition(current, OrderStatus.CANCELLED)))
            .then();
    }

}
