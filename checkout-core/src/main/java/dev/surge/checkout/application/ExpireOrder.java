package dev.surge.checkout.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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

    private final Clock clock;

    public ExpireOrder(Orders orders, PaymentGateway payments, SettlePayment settlePayment, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.settlePayment = settlePayment;
        this.clock = clock;
    }

    /**
     * Expires orders whose hold ended more than {@code grace} ago and are still pending:
     * the safety net for expiries the stock sweeper could not report (Stripe or the
     * database failing at that moment). Emits how many were looked at.
     */
    public Mono<Long> expireOverdue(Instant now, Duration grace) {
        return orders.pendingExpiredBefore(now.minus(grace), 100)
            .concatMap(
                    id -> expire(new ReservationId(id.value())).thenReturn(id).onErrorResume(failure -> Mono.empty()))
            .count();
    }

    /** Completes once the order of the reservation is cancelled (or was not pending). */
    public Mono<Void> expire(ReservationId reservation) {
        return orders.find(new OrderId(reservation.value()))
            .filter(order -> order.status() == OrderStatus.PENDING_PAYMENT)
            .flatMap(order -> order.payment() == null ? orders.record(order.cancel(clock.instant()))
                    : payments.cancel(order.payment())
                        .then(orders.find(order.id()))
                        .filter(current -> current.status() == OrderStatus.PENDING_PAYMENT)
                        .flatMap(current -> orders.record(current.cancel(clock.instant())))
                        // Stripe refuses: it was paid meanwhile. Settling finds the hold
                        // gone and refunds.
                        .onErrorResume(PaymentRequestRefused.class,
                                paidMeanwhile -> settlePayment.refreshAndSettle(order.payment())))
            .then();
    }

}
