package dev.surge.checkout.port;

import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRecord;
import java.util.Optional;

import reactor.core.publisher.Mono;

/**
 * The durable record of payments and of the provider events already handled (PostgreSQL).
 * Callers run a whole event's handling in one {@link Transactions unit of work}, so an
 * event counts as handled exactly when its effects are stored.
 */
public interface PaymentLedger {

    /**
     * Notes that {@code event} is being handled and reads the payment's stored record, in
     * one round trip. {@link Sighting#first} is {@code true} the first time an event id
     * is seen, {@code false} for a repeat (which must then change nothing).
     */
    Mono<Sighting> sight(PaymentEvent event);

    /** See {@link #sight}. */
    record Sighting(boolean first, Optional<PaymentRecord> record) {
    }

    /**
     * What is known before handling {@code event}, in one read: whether its id was
     * handled before, the payment's stored record if any, and the status of the order it
     * pays, if one has it (so a repeat about a settled order costs this one read).
     */
    Mono<Known> known(PaymentEvent event);

    /** See {@link #known}. */
    record Known(boolean seen, Optional<PaymentRecord> record, Optional<OrderStatus> orderStatus) {
    }

    /** Emits the stored record of a payment; completes empty if none is stored. */
    Mono<PaymentRecord> find(PaymentIntentId payment);

    /**
     * Stores {@code record} if it is still at the version it was read at (inserting it if
     * it was never stored). Emits the stored record with its new version; errors with
     * {@link ConcurrentPaymentUpdate} when another writer got there first.
     */
    Mono<PaymentRecord> save(PaymentRecord record);

}
