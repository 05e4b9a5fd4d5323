package dev.surge.checkout.port;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.PlacedOrder;
import dev.surge.checkout.domain.ReservationId;
import reactor.core.publisher.Mono;

/**
 * Idempotency of checkouts: a request is known by its {@code Idempotency-Key} and the
 * fingerprint of what it asks. Keys live 24 hours. A key is claimed by one attempt at a
 * time; an attempt that outlives its lease (its process died or stalled) may be taken
 * over by a retry, and from then on it can neither store its order nor give the key up:
 * the key fences its attempts. A request is done once its order is stored, in the same
 * write that marks the key done ({@link Orders#place}).
 */
public interface CheckoutRequests {

    /**
     * Claims {@code key} for a request with {@code fingerprint}, proposing
     * {@code orderId} for its order and keeping {@code orderToken} (the secret that will
     * open the order) for replays. Emits: {@link Claim.Fresh} (go ahead as the attempt it
     * names: the first, or the next one of a request whose attempt's lease ran out before
     * its order was stored), {@link Claim.Replay} (done before: the first answer),
     * {@link Claim.InFlight} (another attempt holds the key within {@code lease}) or
     * {@link Claim.Reused} (the key was used for a different request).
     */
    Mono<Claim> claim(String key, String fingerprint, OrderId orderId, String orderToken, Duration lease);

    /**
     * Whether a request with {@code key} was claimed and not given up (in flight, done,
     * or not yet forgotten): a read, no write.
     */
    Mono<Boolean> known(String key);

    /**
     * Gives the key up for {@code attempt}, which ends without its order, if the attempt
     * still holds it and no order is stored: a retry then starts afresh. Emits what the
     * key came to.
     */
    Mono<Release> release(Attempt attempt);

    /**
     * One attempt at a request, numbered from 1 (one more per takeover). Each attempt
     * places an order of its own id, so it holds stock under its own reservation and asks
     * for a payment of its own (both are keyed by the order), and an attempt that was
     * taken over gives back only what is its own. The first attempt's order id is the one
     * claimed; a later attempt's is derived from it and the number, so any process can
     * tell every attempt's order.
     *
     * @param key the key as claimed (never stored as is)
     * @param firstOrderId the order id the key was claimed with
     */
    record Attempt(String key, OrderId firstOrderId, int number) {

        public Attempt {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(firstOrderId, "firstOrderId");
            if (number < 1) {
                throw new IllegalArgumentException("attempts are numbered from 1: " + number);
            }
        }

        /** The order this attempt places. */
        public OrderId orderId() {
            return orderOf(firstOrderId, number);
        }

        /** The reservation this attempt holds stock under: its order's id. */
        public ReservationId hold() {
            return new ReservationId(orderId().value());
        }

        /**
         * The reservations of the attempts before this one (none for the first): none of
         * them can store its order any more.
         */
        public List<ReservationId> earlierHolds() {
            return IntStream.range(1, number)
                .mapToObj(earlier -> new ReservationId(orderOf(firstOrderId, earlier).value()))
                .toList();
        }

        /**
         * The order of attempt {@code number} at a key claimed with {@code firstOrderId}.
         */
        public static OrderId orderOf(OrderId firstOrderId, int number) {
            if (number == 1) {
                return firstOrderId;
            }
            return new OrderId(UUID
                .nameUUIDFromBytes((firstOrderId.value() + "/attempt/" + number).getBytes(StandardCharsets.UTF_8)));
        }

    }

    /** What claiming a key came to. */
    sealed interface Claim {

        record Fresh(Attempt attempt) implements Claim {
        }

        record Replay(PlacedOrder answer) implements Claim {
        }

        record InFlight() implements Claim {
        }

        record Reused() implements Claim {
        }

    }

    /** What giving a key up came to. */
    sealed interface Release {

        /**
         * The key is free; the attempt's order was not stored and never will be (its
         * write needs the key).
         */
        record Released() implements Release {
        }

        /**
         * An order is stored for the key: {@code answer}, written by this attempt (its
         * write committed although its answer was lost) or by a later one.
         */
        record Completed(PlacedOrder answer, boolean byThisAttempt) implements Release {
        }

        /** A later attempt holds the key; this one's order will never be stored. */
        record Superseded() implements Release {
        }

    }

}
