package dev.surge.checkout.application;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.PaymentConfirmation;
import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentStatus;
import dev.surge.checkout.port.InventoryUnavailable;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.checkout.port.Quota;
import dev.surge.checkout.port.QuotaVerdict;
import dev.surge.checkout.port.Quotas;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Pays a pending order with a payment method, server-side. Stripe's answer to the
 * confirmation is proof like a webhook: a success is recorded as a payment event and
 * settles the order at once ({@code PAID}); a decline leaves it pending, so the customer
 * may try another method until the reservation expires.
 * <p>
 * Each order takes at most {@link AttemptCap#cap()} confirmations per
 * {@link AttemptCap#window()}, whoever sends them: a card tester trying stolen cards on
 * one order is refused after a few, and when the cap is reached again after the wait the
 * order is cancelled and its stock returned. Attempts are counted only for callers who
 * may open the order, so nobody else can use up an order's attempts; the caller's own
 * rate comes with the request and is taken in the same call.
 */
public final class ConfirmPayment {

    private final Orders orders;

    private final PaymentGateway payments;

    private final SettlePayment settlePayment;

    private final CancelOrder cancelOrder;

    private final Quotas quotas;

    private final AttemptCap attemptCap;

    private final Clock clock;

    public ConfirmPayment(Orders orders, PaymentGateway payments, SettlePayment settlePayment, CancelOrder cancelOrder,
            Quotas quotas, AttemptCap attemptCap, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.settlePayment = settlePayment;
        this.cancelOrder = cancelOrder;
        this.quotas = quotas;
        this.attemptCap = attemptCap;
        this.clock = clock;
    }

    /** At most {@code cap} confirmations of one order per {@code window}. */
    public record AttemptCap(int cap, Duration window) {

        public AttemptCap {
            if (cap < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("an attempt cap needs cap >= 1 and a positive window");
            }
        }

    }

    /**
     * Emits what the confirmation came to; completes empty when the order does not exist
     * for this caller. {@code callerQuotas}: the caller's own rate limits, taken together
     * with the order's attempts (none for an unthrottled caller). When the quota store
     * cannot answer the confirmation goes on unchecked: payments must not stop with it.
     */
    public Mono<Outcome> confirm(OrderId id, @Nullable CustomerId customer, @Nullable String orderToken,
            String paymentMethod, List<Quota> callerQuotas) {
        return orders.find(id).filter(order -> order.opensFor(customer, orderToken)).flatMap(order -> {
            // Past its hold the order's stock may be sold to someone else: charging now
            // would only mean refunding.
            if (order.status() != OrderStatus.PENDING_PAYMENT || order.payment() == null
                    || !clock.instant().isBefore(order.reservationExpiresAt())) {
                return Mono.just(new Outcome.NotPending(order));
            }
            var attempts = new Quota.Attempts("payment-attempts:" + order.id(), attemptCap.cap(), attemptCap.window());
            List<Quota> quotaSet = new ArrayList<>(callerQuotas);
            quotaSet.add(attempts);
            return quotas.take(quotaSet)
                .onErrorResume(InventoryUnavailable.class, unchecked -> Mono.just(new QuotaVerdict.Granted()))
                .flatMap(verdict -> switch (verdict) {
                    case QuotaVerdict.Granted granted -> pay(order, paymentMethod);
                    case QuotaVerdict.Refused refused when !attempts.equals(refused.quota()) ->
                        Mono.just(new Outcome.RateLimited(order, refused.retryAfter()));
                    case QuotaVerdict.Refused refused when refused.capsReached() < 2 ->
                        Mono.just(new Outcome.TooManyAttempts(order, refused.retryAfter(), false));
                    // A confirmation racing this one may have paid the order: never
                    // refund it.
                    case QuotaVerdict.Refused refused -> cancelOrder.cancelIfPending(order.id())
                        .map(cancelled -> (Outcome) new Outcome.TooManyAttempts(cancelled.order(), refused.retryAfter(),
                                cancelled instanceof CancelOrder.Outcome.Cancelled))
                        .defaultIfEmpty(new Outcome.TooManyAttempts(order, refused.retryAfter(), false));
                });
        });
    }

    private Mono<Outcome> pay(Order order, String paymentMethod) {
        return payments.confirm(order.payment(), paymentMethod).flatMap(confirmation -> switch (confirmation) {
            case PaymentConfirmation.Declined declined ->
                Mono.just(new Outcome.Declined(order, declined.declineCode(), declined.message()));
            case PaymentConfirmation.ActionRequired action ->
                Mono.just(new Outcome.ActionRequired(order, action.payment().clientSecret()));
            case PaymentConfirmation.Confirmed confirmed ->
                confirmed.payment().status() == PaymentStatus.SUCCEEDED ? settlePayment.settleSucceeded(order,
                        new PaymentEvent.PaymentSucceeded("confirm:" + order.payment(), order.payment(), order.id(),
                                clock.instant(), confirmed.payment().amount(), confirmed.payment().latestChargeId()))
                    .map(Outcome.Confirmed::new) : Mono.just(new Outcome.Confirmed(order));
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

        /** The caller's own confirmation rate is used up; nothing was tried. */
        record RateLimited(Order order, Duration retryAfter) implements Outcome {
        }

        /**
         * The order's attempts in this window are used up; nothing was tried. When the
         * cap was reached before, in an earlier window, the order is {@code cancelled}
         * now.
         */
        record TooManyAttempts(Order order, Duration retryAfter, boolean cancelled) implements Outcome {
        }

        /** The order is not waiting for payment (paid, cancelled, ...). */
        record NotPending(Order order) implements Outcome {
        }

    }

}
