package dev.surge.checkout.application;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.surge.checkout.domain.Payment;
import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRecord;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.checkout.port.PaymentLedger;
import reactor.core.publisher.Mono;

/**
 * Repairs payments whose webhook never arrived: reads the recent payments from the
 * provider and, where the provider knows more than the ledger (a success, a cancellation
 * or a failed attempt), records it as an event of its own. Its event ids are derived from
 * the payment and the status found, so running it again, or the late webhook arriving
 * after all, changes nothing more.
 */
public final class ReconcilePayments {

    private static final System.Logger LOG = System.getLogger(ReconcilePayments.class.getName());

    private final PaymentGateway gateway;

    private final PaymentLedger ledger;

    private final RecordPaymentEvent recordPaymentEvent;

    private final Clock clock;

    private final Function<PaymentIntentId, Mono<?>> afterRepair;

    public ReconcilePayments(PaymentGateway gateway, PaymentLedger ledger, RecordPaymentEvent recordPaymentEvent,
            Clock clock) {
        this(gateway, ledger, recordPaymentEvent, clock, payment -> Mono.empty());
    }

    /**
     * @param afterRepair what else follows a repaired payment (settling its order), as
     * after a webhook
     */
    public ReconcilePayments(PaymentGateway gateway, PaymentLedger ledger, RecordPaymentEvent recordPaymentEvent,
            Clock clock, Function<PaymentIntentId, Mono<?>> afterRepair) {
        this.gateway = gateway;
        this.ledger = ledger;
        this.recordPaymentEvent = recordPaymentEvent;
        this.clock = clock;
        this.afterRepair = afterRepair;
    }

    /** Emits how many payments were examined and how many repaired. */
    public Mono<Reconciliation> reconcile(Duration lookBack) {
        return gateway.createdSince(clock.instant().minus(lookBack))
            .filter(payment -> payment.orderId() != null)
            .concatMap(payment -> repairIfBehind(payment).onErrorResume(failure -> {
                // One payment that cannot be repaired now must not stop the others; the
                // next pass tries again.
                LOG.log(System.Logger.Level.WARNING, "Could not reconcile payment " + payment.id(), failure);
                return Mono.just(Reconciliation.FAILED);
            }))
            .reduce(Reconciliation.NONE, Reconciliation::plus);
    }

    private Mono<Reconciliation> repairIfBehind(Payment payment) {
        return ledger.find(payment.id())
            .defaultIfEmpty(PaymentRecord.unknown(payment.id(), payment.orderId()))
            .flatMap(record -> eventFor(payment).filter(event -> record.apply(event).isPresent())
                .map(event -> recordPaymentEvent.record(event)
                    .flatMap(outcome -> outcome instanceof PaymentEventOutcome.Applied
                            ? afterRepair.apply(payment.id()).thenReturn(Reconciliation.REPAIRED)
                            : Mono.just(Reconciliation.EXAMINED)))
                .orElseGet(() -> Mono.just(Reconciliation.EXAMINED)));
    }

    /** The event the provider's current view implies, if it implies one we handle. */
    private Optional<PaymentEvent> eventFor(Payment payment) {
        String eventId = "reconciliation:" + payment.id() + ":" + payment.status().name().toLowerCase(Locale.ROOT);
        return switch (payment.status()) {
            case SUCCEEDED -> Optional.of(new PaymentEvent.PaymentSucceeded(eventId, payment.id(), payment.orderId(),
                    clock.instant(), payment.amount(), payment.latestChargeId()));
            case CANCELED -> Optional
                .of(new PaymentEvent.PaymentCanceled(eventId, payment.id(), payment.orderId(), clock.instant()));
            case REQUIRES_PAYMENT_METHOD -> Optional.ofNullable(payment.declineCode())
                .map(code -> new PaymentEvent.PaymentFailed(eventId + ":" + code.replaceAll("[^A-Za-z0-9_]", "_"),
                        payment.id(), payment.orderId(), payment.createdAt(), code));
            default -> Optional.empty();
        };
    }

    /**
     * How many payments one pass examined, how many of them it repaired, and how many it
     * could not check this time.
     */
    public record Reconciliation(int examined, int repaired, int failed) {

        static final Reconciliation NONE = new Reconciliation(0, 0, 0);

        static final Reconciliation EXAMINED = new Reconciliation(1, 0, 0);

        static final Reconciliation REPAIRED = new Reconciliation(1, 1, 0);

        static final Reconciliation FAILED = new Reconciliation(1, 0, 1);

        Reconciliation plus(Reconciliation other) {
            return new Reconciliation(examined + other.examined, repaired + other.repaired, failed + other.failed);
        }

    }

}
