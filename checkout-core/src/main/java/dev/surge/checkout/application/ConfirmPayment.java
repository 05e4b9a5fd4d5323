package dev.surge.checkout.application;

import java.time.Clock;

import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.PaymentConfirmation;
import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentStatus;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.PaymentGateway;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Pays a pending order with a payment method, server-side. Stripe's answer to the
 * confirmation is proof like a webhook: a success is recorded as a payment event and
 * settles the order at once ({@code PAID}); a decline leaves it pending, so the customer
 * may try another method until the reservation expires.
 */
public final class ConfirmPayment {

    private final Orders orders;

    private final PaymentGateway payments;

    private final SettlePayment settlePayment;

    private final Clock clock;

    public ConfirmPayment(Orders orders, PaymentGateway payments, SettlePayment settlePayment, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.settlePayment = settlePayment;
        this.clock = clock;
    }

    /**
     * Emits what the confirmation came to; completes empty when the order does not exist
     * for this caller.
     */
    public Mono<Outcome> confirm(OrderId id, @Nullable CustomerId customer, @Nullable String orderToken,
            String paymentMethod) {
        return orders.find(id).filter(order -> order.opensFor(customer, orderToken)).flatMap(order -> {
            // Past its hold the order's stock may be sold to someone else: charging now
            // would only mean refunding.
            if (order.status() != OrderStatus.PENDING_PAYMENT || order.payment() == null
                    || !clock.instant().isBefore(order.reservationExpiresAt())) {
                return Mono.just(new Outcome.NotPending(order));
            }
            return payments.confirm(order.payment(), paymentMethod).flatMap(confirmation -> switch (confirmation) {
                case PaymentConfirmation.Declined declined ->
                    Mono.just(new Outcome.Declined(order, declined.declineCode(), declined.message()));
                case PaymentConfirmation.ActionRequired action ->
                    Mono.just(new Outcome.ActionRequired(order, action.payment().clientSecret()));
                case PaymentConfirmation.Confirmed confirmed ->
                    confirmed.payment().status() == PaymentStatus.SUCCEEDED ? settlePayment
                        .settleSucceeded(order,
                                new PaymentEvent.PaymentSucceeded("confirm:" + order.payment(), order.payment(),
                                        order.id(), clock.instant(), confirmed.payment().amount(),
                                        confirmed.payment().latestChargeId()))
                        .map(Outcome.Confirmed::new) : Mono.just(new Outcome.Confirmed(order));
            });
        });
    }

    /** What confirming came to. */
    public sealed interface Outcome {

        Order order();

        /** Paid (the order is {@code PAID}), or settling at the bank (still pending). */
        record Confirmed(Order order) implements Outcome {
        }

        record Declined(Order order, String declineCode, String message) implements Outcome {
        }

        record ActionRequired(Order order, @Nullable String clientSecret) implements Outcome {
        }

        /** The order is not waiting for payment (paid, cancelled, ...). */
        record NotPending(Order order) implements Outcome {
        }

    }

}
