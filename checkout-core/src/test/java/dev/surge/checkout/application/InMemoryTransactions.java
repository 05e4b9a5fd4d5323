package dev.surge.checkout.application;

import dev.surge.checkout.port.Transactions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Units of work over an {@link InMemoryPaymentLedger}: each subscription opens one, which
 * commits when the work emits or completes and rolls back the ledger's writes when it
 * errors or is cancelled.
 */
final class InMemoryTransactions implements Transactions {

    private final InMemoryPaymentLedger ledger;

    final AtomicInteger commits = new AtomicInteger();

    final AtomicInteger rollbacks = new AtomicInteger();

    InMemoryTransactions(InMemoryPaymentLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public <T> Mono<T> inTransaction(Supplier<Mono<T>> work) {
        return Mono.defer(() -> {
            InMemoryPaymentLedger.UnitOfWork unit = ledger.begin();
            return Mono.defer(work).doOnSuccess(result -> {
                if (unit.commit()) {
                    commits.incrementAndGet();
                }
            }).doOnError(error -> rollBack(unit)).doOnCancel(() -> rollBack(unit));
        });
    }

    private void rollBack(InMemoryPaymentLedger.UnitOfWork unit) {
        if (unit.rollBack()) {
            rollbacks.incrementAndGet();
        }
    }

}
