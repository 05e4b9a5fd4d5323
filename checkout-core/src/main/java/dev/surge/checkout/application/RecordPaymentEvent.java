package dev.surge.checkout.application;

import java.time.Duration;

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
        // Most events repeat what is known (the webhook of a payment its confirm
        // recorded,
        // a redelivery): those cost one read and write nothing.
        return ledger.known(event).flatMap(known -> {
            if (known.seen()) {
                return Mono.just(new PaymentEventOutcome.Duplicate(event));
            }
            return known.record()
                .filter(current -> current.apply(event).isEmpty())
                .<Mono<PaymentEventOutcome>>map(
                        current -> Mono.just(new PaymentEventOutcome.Superseded(event, current)))
                .orElseGet(() -> recordInTransaction(event));
        });
    }

    private Mono<PaymentEventOutcome> recordInTransaction(PaymentEvent event) {
        return transactions.inTransaction(() -> handleOnce(event))
            .retryWhen(Retry.backoff(CONCURRENT_UPDATE_RETRIES, Duration.ofMillis(5))
                .filter(ConcurrentPaymentUpdate.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private Mono<PaymentEventOutcome> handleOnce(PaymentEvent event) {
        return ledger.firstSighting(event)
            .flatMap(first -> first ? apply(event) : Mono.just(new PaymentEventOutcome.Duplicate(event)));
    }

    private Mono<PaymentEventOutcome> apply(PaymentEvent event) {
        return ledger.find(event.payment())
            .defaultIfEmpty(PaymentRecord.unknown(event.payment(), event.orderId()))
            .flatMap(current -> current.apply(event)
                .map(next -> ledger.save(next)
                    .<PaymentEventOutcome>map(saved -> new PaymentEventOutcome.Applied(event, saved)))
                .orElseGet(() -> Mono.just(new PaymentEventOutcome.Superseded(event, current))));
    }

}
