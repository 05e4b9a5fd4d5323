package dev.surge.api.persistence;

import java.util.function.Supplier;

import dev.surge.checkout.port.Transactions;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Units of work as R2DBC transactions on PostgreSQL. */
public class R2dbcTransactions implements Transactions {

    private final TransactionalOperator operator;

    public R2dbcTransactions(TransactionalOperator operator) {
        this.operator = operator;
    }

    @Override
    public <T> Mono<T> inTransaction(Supplier<Mono<T>> work) {
        return Mono.defer(work).as(operator::transactional);
    }

}
