package dev.surge.checkout.port;

import java.time.Duration;

import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.PlacedOrder;
import reactor.core.publisher.Mono;

/**
 * Idempotency of checkouts: a request is known by its {@code Idempotency-Key} and the
 * fingerprint of what it asks. Keys live 24 hours. A key is written once, when it is
 * claimed; its request is done once its order is stored with its payment (the checkout
 * writes the order last, in one write), so completing a checkout costs the key no write.
 */
public interface CheckoutRequests {

    /**
     * Claims {@code key} for a request with {@code fingerprint}, proposing
     * {@code orderId} for its order and keeping {@code orderToken} (the secret that will
     * open the order) for replays. Emits: {@link Claim.Fresh} (go ahead, with the order
     * id to use: the proposed one, or the one of an earlier attempt that died before its
     * order was stored and whose lease ran out), {@link Claim.Replay} (done before: the
     * first answer), {@link Claim.InFlight} (another request holds the key within
     * {@code lease}) or {@link Claim.Reused} (the key was used for a different request).
     */
    Mono<Claim> claim(String key, String fingerprint, OrderId orderId, String orderToken, Duration lease);

    /**
     * Whether a request with {@code key} was claimed and not given up (in flight, done,
     * or not yet forgotten): a read, no write.
     */
    Mono<Boolean> known(String key);

    /**
     * Gives the key up (the request failed or was refused) unless its order was stored: a
     * retry starts afresh.
     */
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
