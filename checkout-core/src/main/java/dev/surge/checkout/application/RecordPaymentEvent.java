package dev.surge.checkout.application;

import java.time.Duration;
import java.util.Optional;

import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentRecord;
import dev.surge.checkout.port.ConcurrentPaymentUpdate;
import dev.surge.checkout.port.PaymentLedger;
import dev.surge.checkout.port.Transactions;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Applies a verified payment event to the payment's record, once per event id and never
 * backwards (see {@link PaymentRecord#apply}). The sighting and the record change commit
 * together, so an event whose handling failed is handled again when the provider
 * re-delivers it; two events for one payment racing each other are serialised by
 * optimistic locking and a short retry.
 */
public final class RecordPaymentEvent {

    private static final int CONCURRENT_UPDATE_RETRIES = 5;

    private final PaymentLedger ledger;

    private final Transactions transactions;

    public RecordPaymentEvent(PaymentLedger ledger, Transactions transactions) {
        this.ledger = ledger;
        this.transactions = transactions;
    }

    /**
     * Emits what the event did; errors if it could not be stored (nothing changed then).
     */
    public Mono<PaymentEventOutcome> record(PaymentEvent event) {
        return ledger.known(event).flatMap(known -> record(event, known));
    }

    /**
     * {@link #record} for a caller that has read what is {@code known} already. Most
     * events repeat what is known (the webhook of a payment its confirm recorded, a
     * redelivery): those cost that read and write nothing.
     */
    public Mono<PaymentEventOutcome> record(PaymentEvent event, PaymentLedger.Known known) {
        return repeated(event, known).<Mono<PaymentEventOutcome>>map(Mono::just)
            .orElseGet(() -> recordInTransaction(event));
    }

    /** What {@code event} comes to if it tells nothing new, as {@code known} says. */
    static Optional<PaymentEventOutcome> repeated(PaymentEvent event, PaymentLedger.Known known) {
        if (known.seen()) {
            return Optional.of(new PaymentEventOutcome.Duplicate(event));
        }
        return known.record()
            .filter(current -> current.apply(event).isEmpty())
            .map(current -> new PaymentEventOutcome.Superseded(event, current));
    }

    private Mono<PaymentEventOutcome> recordInTransaction(PaymentEvent event) {
        return transactions.inTransaction(() -> handleOnce(event))
            .retryWhen(Retry.backoff(CONCURRENT_UPDATE_RETRIES, Duration.ofMillis(5))
                .filter(ConcurrentPaymentUpdate.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /**
     * Records {@code event} within the caller's unit of work, without the read ahead that
     * {@link #record} makes to spare repeats a write: for a caller whose event is new
     * (what a confirm just heard from the provider). The caller retries its unit of work
     * on {@link ConcurrentPaymentUpdate}.
     */
    public Mono<PaymentEventOutcome> recordWithin(PaymentEvent event) {
        return handleOnce(event);
    }

    private Mono<PaymentEventOutcome> handleOnce(PaymentEvent event) {
        return ledger.sight(event).flatMap(sighting -> {
            if (!sighting.first()) {
                return Mono.just(new PaymentEventOutcome.Duplicate(event));
            }
            PaymentRecord current = sighting.record()
                .orElseGet(() -> PaymentRecord.unknown(event.payment(), event.orderId()));
            return current.apply(event)
                .map(next -> ledger.save(next)
                    .<PaymentEventOutcome>map(saved -> new PaymentEventOutcome.Applied(event, saved)))
                .orElseGet(() -> Mono.just(new PaymentEventOutcome.Superseded(event, current)));
        });
    }

}
