package dev.surge.checkout.application;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentRecord;
import dev.surge.checkout.domain.PaymentStatus;
import dev.surge.checkout.domain.PaymentSplit;
import dev.surge.checkout.domain.RefundRequest;
import dev.surge.checkout.domain.Reservation;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.port.ConcurrentOrderUpdate;
import dev.surge.checkout.port.ConcurrentPaymentUpdate;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.checkout.port.PaymentLedger;
import dev.surge.checkout.port.StockReservations;
import dev.surge.checkout.port.Transactions;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Brings an order in line with what is known for certain about its payment (the payment
 * ledger, fed only by verified events). A collected payment sells the order's stock and
 * makes it {@code PAID} (which marks a multi-vendor order's transfers due for
 * {@link PayVendorShares}); if the stock was already given back (the payment came after
 * the reservation expired), the money is refunded and the order cancelled. A cancelled
 * payment cancels a pending order and gives its stock back; a full refund of a paid order
 * makes it {@code REFUNDED}. Idempotent: run it as often as you like, after every event,
 * by reconciliation.
 */
public final class SettlePayment {

    private static final System.Logger LOG = System.getLogger(SettlePayment.class.getName());

    private final Orders orders;

    private final PaymentLedger ledger;

    private final CommitReservation commitReservation;

    private final StockReservations reservations;

    private final PaymentGateway payments;

    private final RecordPaymentEvent recordPaymentEvent;

    private final Transactions transactions;

    private final Duration webhookGrace;

    private final Clock clock;

    /**
     * {@code webhookGrace}: how long after a payment succeeded its webhook waits before
     * it is handled (see {@link #recordAndSettle}); zero handles it at once.
     */
    public SettlePayment(Orders orders, PaymentLedger ledger, CommitReservation commitReservation,
            StockReservations reservations, PaymentGateway payments, RecordPaymentEvent recordPaymentEvent,
            Transactions transactions, Duration webhookGrace, Clock clock) {
        this.orders = orders;
        this.ledger = ledger;
        this.commitReservation = commitReservation;
        this.reservations = reservations;
        this.payments = payments;
        this.recordPaymentEvent = recordPaymentEvent;
        this.transactions = transactions;
        this.webhookGrace = webhookGrace;
        this.clock = clock;
    }

    /**
     * Asks Stripe how the payment stands, records a success or cancellation it reports
     * (as a webhook would, under an id derived from payment and status), then settles.
     * For when Stripe refused to cancel a payment: it may have succeeded before its
     * webhook arrived.
     */
    public Mono<Order> refreshAndSettle(PaymentIntentId payment) {
        return payments.retrieve(payment).flatMap(current -> {
            String eventId = "retrieved:" + payment + ":" + current.status().name().toLowerCase(Locale.ROOT);
            Mono<?> recorded = switch (current.status()) {
                case SUCCEEDED -> recordPaymentEvent.record(new PaymentEvent.PaymentSucceeded(eventId, payment,
                        current.orderId(), clock.instant(), current.amount(), current.latestChargeId()));
                case CANCELED -> recordPaymentEvent
                    .record(new PaymentEvent.PaymentCanceled(eventId, payment, current.orderId(), clock.instant()));
                default -> Mono.empty();
            };
            return recorded.then(settle(payment));
        });
    }

    /** Emits the order after settling; completes empty when no order has this payment. */
    public Mono<Order> settle(PaymentIntentId payment) {
        return Mono.defer(() -> orders.findByPayment(payment))
            .zipWith(ledger.find(payment))
            .flatMap(both -> settleNow(both.getT1(), both.getT2()))
            .retryWhen(Retry.backoff(3, Duration.ofMillis(10)).filter(ConcurrentOrderUpdate.class::isInstance));
    }

    /**
     * Settles a pending order whose payment its confirm just saw succeed: once the hold
     * is committed in the hot counters, the payment's record, the sale in the stock of
     * record and the order's move to {@code PAID} commit together in one unit of work,
     * with no read but the record's. Anything that raced it (a webhook settling first, an
     * expiry) sends it down the general path, which reads what is stored and settles from
     * that.
     */
    public Mono<Order> settleSucceeded(Order order, PaymentEvent.PaymentSucceeded succeeded) {
        Reservation reservation = order.reservationOf();
        Mono<Order> general = Mono.defer(() -> recordPaymentEvent.record(succeeded).then(settle(succeeded.payment())));
        return commitReservation.commitHold(reservation).flatMap(state -> {
            if (state != ReservationState.COMMITTED) {
                return general;
            }
            return transactions
                .inTransaction(() -> recordPaymentEvent.recordWithin(succeeded)
                    .then(commitReservation.recordSale(reservation))
                    .then(Mono.defer(() -> orders.record(order.pay(clock.instant())))))
                .retryWhen(Retry.backoff(3, Duration.ofMillis(5))
                    .filter(ConcurrentPaymentUpdate.class::isInstance)
                    .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorResume(failure -> failure instanceof ConcurrentOrderUpdate
                        || failure instanceof ConcurrentPaymentUpdate, raced -> general);
        });
    }

    /**
     * Records a verified event and settles its order. A repeat about an order already
     * settled (the webhook of a payment its confirm settled) costs one read.
     * <p>
     * A success reported within the grace of when it happened was most likely caused by a
     * confirm that is settling it at this moment (the provider sends the webhook while
     * the confirm's answer travels back): it waits out the grace first, so it finds the
     * order settled and costs that one read, instead of racing the confirm and doing its
     * work a second time. A payment confirmed in the browser (no server confirm) is
     * settled by its webhook that much later. The provider re-delivers what it did not
     * see acknowledged, so a crash during the wait loses nothing.
     */
    public Mono<PaymentEventOutcome> recordAndSettle(PaymentEvent event) {
        Duration wait = graceLeft(event);
        Mono<PaymentLedger.Known> reading = Mono.defer(() -> ledger.known(event));
        return (wait.isZero() ? reading : Mono.delay(wait).then(reading)).flatMap(known -> {
            Optional<PaymentEventOutcome> repeat = RecordPaymentEvent.repeated(event, known);
            boolean settled = known.orderStatus().isPresent() && known.record().isPresent()
                    && stepFor(known.orderStatus().get(), known.record().get()) == Step.NONE;
            if (repeat.isPresent() && settled) {
                return Mono.just(repeat.get());
            }
            // Settling runs for repeats too: a repeat may follow a delivery whose
            // settling failed.
            return recordPaymentEvent.record(event, known)
                .flatMap(outcome -> settle(event.payment()).thenReturn(outcome));
        });
    }

    private Duration graceLeft(PaymentEvent event) {
        if (!(event instanceof PaymentEvent.PaymentSucceeded)) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), event.occurredAt().plus(webhookGrace));
        return left.isNegative() ? Duration.ZERO : left.compareTo(webhookGrace) > 0 ? webhookGrace : left;
    }

    /**
     * What an order in {@code status} needs to agree with its payment's {@code record}.
     */
    private enum Step {

        SELL, CANCEL, MARK_REFUNDED,
        /**
         * Money collected for an order already called off (racing its expiry or
         * cancellation).
         */
        REFUND_CALLED_OFF, NONE

    }

    private static Step stepFor(OrderStatus status, PaymentRecord record) {
        return switch (status) {
            case PENDING_PAYMENT -> switch (record.status()) {
                case SUCCEEDED -> Step.SELL;
                case CANCELED -> Step.CANCEL;
                default -> Step.NONE;
            };
            case PAID -> record.fullyRefunded() ? Step.MARK_REFUNDED : Step.NONE;
            case CANCELLED -> record.status() == PaymentStatus.SUCCEEDED && !record.fullyRefunded()
                    ? Step.REFUND_CALLED_OFF : Step.NONE;
            default -> Step.NONE;
        };
    }

    private Mono<Order> settleNow(Order order, PaymentRecord record) {
        return switch (stepFor(order.status(), record)) {
            case SELL -> sell(order);
            case CANCEL -> reservations.release(order.reservation()).then(cancelled(order));
            case MARK_REFUNDED -> Mono.defer(() -> orders.record(order.refund(clock.instant())));
            case REFUND_CALLED_OFF -> payments.refund(refundOf(order, "order-cancelled")).thenReturn(order);
            case NONE -> Mono.just(order);
        };
    }

    private Mono<Order> sell(Order order) {
        return commitReservation.commit(order.reservationOf()).flatMap(state -> {
            if (state == ReservationState.COMMITTED) {
                // Paying marks the vendors' transfers due; PayVendorShares makes them.
                return orders.record(order.pay(clock.instant()));
            }
            // The stock went back before the money came: nothing to sell, so nothing may
            // be kept.
            LOG.log(System.Logger.Level.WARNING,
                    "Order " + order.id() + " was paid after its reservation ended (" + state + "); refunding");
            return payments.refund(refundOf(order, "stock-released")).then(cancelled(order));
        });
    }

    private Mono<Order> cancelled(Order order) {
        return Mono.defer(() -> orders.record(order.cancel(clock.instant())));
    }

    /**
     * A full refund that also takes back what a destination charge gave the vendor (and
     * the marketplace's fee), so the platform does not pay the refund alone.
     */
    static RefundRequest refundOf(Order order, String purpose) {
        return new RefundRequest(order.payment(), null, purpose,
                order.split() instanceof PaymentSplit.DestinationCharge);
    }

}
