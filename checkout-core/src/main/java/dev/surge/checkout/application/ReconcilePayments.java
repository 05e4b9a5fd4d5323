package dev.surge.checkout.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.surge.checkout.domain.Payment;
import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRecord;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.checkout.port.PaymentLedger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Repairs payments whose webhook never arrived: asks the provider about every order still
 * waiting for payment a while after it was placed (how many there are is bounded by the
 * stock holds, whatever the traffic), then reads the recent payments from the provider,
 * newest first, up to {@link #LISTED_AT_MOST}; where the provider knows more than the
 * ledger (a success, a refund, a cancellation or a failed attempt), it records it as an
 * event of its own. Its event ids are derived from the payment and the status found, so
 * running it again, or the late webhook arriving after all, changes nothing more. A pass
 * that could not list the whole window says so ({@link Reconciliation#truncated}). A
 * payment still open whose order was never stored (its checkout died between creating the
 * payment and storing the order, or was fenced off by a retry) is cancelled once no order
 * could still be stored with a live hold for it ({@code abandonedAfter}): nobody was ever
 * given its client secret, and leaving it open would leave it open for good.
 */
public final class ReconcilePayments {

    private static final System.Logger LOG = System.getLogger(ReconcilePayments.class.getName());

    private final PaymentGateway gateway;

    private final PaymentLedger ledger;

    private final RecordPaymentEvent recordPaymentEvent;

    private final Clock clock;

    private final Function<PaymentIntentId, Mono<?>> afterRepair;

    private final @Nullable Orders orders;

    private final Duration abandonedAfter;

    /** Payments listed per pass at most (a hundred pages). */
    static final int LISTED_AT_MOST = 10_000;

    /** Orders waiting for payment asked about per pass at most. */
    static final int AWAITED_AT_MOST = 1_000;

    /** How long after its order was placed an awaited payment is asked about. */
    static final Duration AWAITED_FOR = Duration.ofMinutes(1);

    public ReconcilePayments(PaymentGateway gateway, PaymentLedger ledger, RecordPaymentEvent recordPaymentEvent,
            Clock clock) {
        this(gateway, ledger, recordPaymentEvent, clock, payment -> Mono.empty(), null, Duration.ZERO);
    }

    /**
     * @param afterRepair what else follows a repaired payment (settling its order), as
     * after a webhook
     * @param orders whose orders waiting for payment are asked about first, and whose
     * absence marks a payment abandoned; none when {@code null}
     * @param abandonedAfter how long after its creation an open payment without an order
     * is cancelled: at least the stock hold's lifetime and the checkout's idempotency
     * lease, after which an order stored late would be expired at once anyway
     */
    public ReconcilePayments(PaymentGateway gateway, PaymentLedger ledger, RecordPaymentEvent recordPaymentEvent,
            Clock clock, Function<PaymentIntentId, Mono<?>> afterRepair, @Nullable Orders orders,
            Duration abandonedAfter) {
        this.gateway = gateway;
        this.ledger = ledger;
        this.recordPaymentEvent = recordPaymentEvent;
        this.clock = clock;
        this.afterRepair = afterRepair;
        this.orders = orders;
        this.abandonedAfter = abandonedAfter;
    }

    /** Emits how many payments were examined and how many repaired. */
    public Mono<Reconciliation> reconcile(Duration lookBack) {
        Instant now = clock.instant();
        Flux<Reconciliation> awaited = orders == null ? Flux.empty()
                : orders.paymentsAwaitedSince(now.minus(AWAITED_FOR), AWAITED_AT_MOST)
                    .concatMap(payment -> gateway.retrieve(payment)
                        .flatMap(this::repairIfBehind)
                        .onErrorResume(failure -> failed(payment, failure)));
        Flux<Reconciliation> listed = gateway.createdSince(now.minus(lookBack))
            .take(LISTED_AT_MOST)
            .index()
            .concatMap(numbered -> {
                Payment payment = numbered.getT2();
                Mono<Reconciliation> examined = payment.orderId() == null ? Mono.just(Reconciliation.NONE)
                        : repairIfBehind(payment).flatMap(pass -> cancelIfAbandoned(payment, now, pass))
                            .onErrorResume(failure -> failed(payment.id(), failure));
                return numbered.getT1() == LISTED_AT_MOST - 1 ? examined.map(Reconciliation::cutShort) : examined;
            });
        return awaited.concatWith(listed).reduce(Reconciliation.NONE, Reconciliation::plus);
    }

    /**
     * One payment that cannot be repaired now must not stop the others; the next pass
     * tries again.
     */
    private Mono<Reconciliation> failed(PaymentIntentId payment, Throwable failure) {
        LOG.log(System.Logger.Level.WARNING, "Could not reconcile payment " + payment, failure);
        return Mono.just(Reconciliation.FAILED);
    }

    /**
     * Cancels the payment if it is open, old enough and its order was never stored (only
     * payments that cannot have moved money: none processing or authorised).
     */
    private Mono<Reconciliation> cancelIfAbandoned(Payment payment, Instant now, Reconciliation pass) {
        boolean open = switch (payment.status()) {
            case REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION, REQUIRES_ACTION -> true;
            default -> false;
        };
        if (orders == null || !open || payment.createdAt().isAfter(now.minus(abandonedAfter))) {
            return Mono.just(pass);
        }
        return orders.find(payment.orderId())
            .hasElement()
            .flatMap(stored -> stored ? Mono.just(pass)
                    : gateway.cancel(payment.id()).thenReturn(pass.plus(Reconciliation.ABANDONED_CANCELLED)));
    }

    /**
     * Records, in order, the events the provider's view implies and the ledger lacks (a
     * success and then its refund, when both webhooks were lost), then settles the order
     * once if any was applied.
     */
    private Mono<Reconciliation> repairIfBehind(Payment payment) {
        return ledger.find(payment.id())
            .defaultIfEmpty(PaymentRecord.unknown(payment.id(), payment.orderId()))
            .flatMap(record -> {
                List<PaymentEvent> missing = new ArrayList<>();
                PaymentRecord known = record;
                for (PaymentEvent event : eventsFor(payment)) {
                    Optional<PaymentRecord> moved = known.apply(event);
                    if (moved.isPresent()) {
                        missing.add(event);
                        known = moved.get();
                    }
                }
                return Flux.fromIterable(missing)
                    .concatMap(recordPaymentEvent::record)
                    .reduce(false, (applied, outcome) -> applied || outcome instanceof PaymentEventOutcome.Applied)
                    .flatMap(applied -> applied ? afterRepair.apply(payment.id()).thenReturn(Reconciliation.REPAIRED)
                            : Mono.just(Reconciliation.EXAMINED));
            });
    }

    /** The events the provider's current view implies, of those we handle, in order. */
    private List<PaymentEvent> eventsFor(Payment payment) {
        String eventId = "reconciliation:" + payment.id() + ":" + payment.status().name().toLowerCase(Locale.ROOT);
        return switch (payment.status()) {
            case SUCCEEDED -> {
                List<PaymentEvent> events = new ArrayList<>(List.of(new PaymentEvent.PaymentSucceeded(eventId,
                        payment.id(), payment.orderId(), clock.instant(), payment.amount(), payment.latestChargeId())));
                Payment.Refunded refunded = payment.refunded();
                if (refunded != null && refunded.amount().minor() > 0) {
                    // Named by the total refunded: a later refund is another event.
                    events.add(new PaymentEvent.ChargeRefunded(
                            "reconciliation:" + payment.id() + ":refunded:" + refunded.amount().minor(), payment.id(),
                            payment.orderId(), clock.instant(), refunded.amount(), refunded.full()));
                }
                yield events;
            }
            case CANCELED ->
                List.of(new PaymentEvent.PaymentCanceled(eventId, payment.id(), payment.orderId(), clock.instant()));
            case REQUIRES_PAYMENT_METHOD -> payment.declineCode() == null ? List.of()
                    : List.of(new PaymentEvent.PaymentFailed(
                            eventId + ":" + payment.declineCode().replaceAll("[^A-Za-z0-9_]", "_"), payment.id(),
                            payment.orderId(), payment.createdAt(), payment.declineCode()));
            default -> List.of();
        };
    }

    /**
     * How many payments one pass examined, how many of them it repaired, how many it
     * could not check this time, how many it cancelled as abandoned, and whether it
     * stopped listing before the end of its window (the oldest payments in it were not
     * read).
     */
    public record Reconciliation(int examined, int repaired, int failed, int abandonedCancelled, boolean truncated) {

        static final Reconciliation NONE = new Reconciliation(0, 0, 0);

        static final Reconciliation EXAMINED = new Reconciliation(1, 0, 0);

        static final Reconciliation REPAIRED = new Reconciliation(1, 1, 0);

        static final Reconciliation FAILED = new Reconciliation(1, 0, 1);

        /** Added to a payment already counted as examined. */
        static final Reconciliation ABANDONED_CANCELLED = new Reconciliation(0, 0, 0, 1, false);

        public Reconciliation(int examined, int repaired, int failed) {
            this(examined, repaired, failed, 0, false);
        }

        Reconciliation plus(Reconciliation other) {
            return new Reconciliation(examined + other.examined, repaired + other.repaired, failed + other.failed,
                    abandonedCancelled + other.abandonedCancelled, truncated || other.truncated);
        }

        Reconciliation cutShort() {
            return new Reconciliation(examined, repaired, failed, abandonedCancelled, true);
        }

    }

}
