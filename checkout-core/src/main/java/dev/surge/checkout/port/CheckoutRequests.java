package dev.surge.checkout.port;

import java.time.Duration;

import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.PlacedOrder;
import reactor.core.publisher.Mono;

/**
 * Idempotency of checkouts: a request is known by its {@code Idempotency-Key} and the
 * fingerprint of what it asks. Keys live 24 hours.
 */
public interface CheckoutRequests {

    /**
     * Claims {@code key} for a request with {@code fingerprint}, proposing
     * {@code orderId} for its order. Emits: {@link Claim.Fresh} (go ahead, with the order
     * id to use: the proposed one, or the one of an earlier attempt that died mid-way and
     * whose lease ran out), {@link Claim.Replay} (done before: the first answer),
     * {@link Claim.InFlight} (another request holds the key within {@code lease}) or
     * {@link Claim.Reused} (the key was used for a different request).
     */
    Mono<Claim> claim(String key, String fingerprint, OrderId orderId, Duration lease);

    /**
     * Stores the answer for the key (later claims replay it) and records the answer's
     * payment on its order, in one write: the checkout's completion.
     */
    Mono<Void> complete(String key, PlacedOrder answer);

    /**
     * Whether a request with {@code key} was claimed and not given up (in flight, done,
     * or not yet forgotten): a read, no write.
     */
    Mono<Boolean> known(String key);

    /** Gives the key up (the request failed or was refused): a retry starts afresh. */
    Mono<Void> release(String key);

    /** What claiming a key came to. */
    sealed interface Claim {

        record Fresh(OrderId orderId) implements Claim {
        }

        record Replay(PlacedOrder answer) implements Claim {
        }

        record InFlight() implements Claim {
        }

        record Reused() implements Claim {
        }

    }

}
