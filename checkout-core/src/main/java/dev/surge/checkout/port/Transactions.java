package dev.surge.checkout.port;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Runs a unit of work against the durable stores atomically: all its writes are kept when
 * the returned {@code Mono} succeeds, none when it errors. Never spans remote calls to
 * the payment provider, Redis or Kafka.
 */
public interface Transactions {

    /** Emits what {@code work} emits, once its writes are committed. */
    <T> Mono<T> inTransaction(Supplier<Mono<T>> work);

}
