package dev.surge.checkout.port;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import java.time.Duration;
import java.time.Instant;

import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderTransition;
import dev.surge.checkout.domain.PaymentIntentId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Orders in the store of record (PostgreSQL). Every write is one transaction that also
 * writes the order's outbox events, so an event exists exactly when its change does.
 */
public interface Orders {

    /**
     * Writes a new order from {@code cart} with its payment ({@code order.payment()} and
     * the {@code clientSecret} that lets the shopper's browser confirm it), its lines and
     * sub-orders and its {@code order.status} / {@code suborder.created} events, and
     * marks the checkout's key done, in one write, if {@code attempt} still holds the
     * key. Emits the order as stored; errors with {@link CartAlreadyOrdered} while
     * another order of the cart waits for payment, with {@link OffersSuperseded} when a
     * line's price is no longer the catalog's, or its product or vendor left the catalog,
     * and with {@link AttemptSuperseded} when the attempt no longer holds its key
     * (nothing is written then).
     */
    Mono<Order> place(Order order, CartId cart, @Nullable String clientSecret, CheckoutRequests.Attempt attempt);

    /**
     * Emits up to {@code limit} ids of orders still waiting for payment whose stock hold
     * ended before {@code instant}, oldest first.
     */
    Flux<OrderId> pendingExpiredBefore(Instant instant, int limit);

    /**
     * Emits the payments of up to {@code limit} orders still waiting for payment that
     * were placed before {@code instant}, longest waiting first.
     */
    Flux<PaymentIntentId> paymentsAwaitedSince(Instant instant, int limit);

    /** Emits the order; completes empty when there is none. */
    Mono<Order> find(OrderId id);

    /** Emits the order paid by {@code payment}; completes empty when there is none. */
    Mono<Order> findByPayment(PaymentIntentId payment);

    /** The client secret of the order's payment, if one was recorded. */
    Mono<String> clientSecret(OrderId id);

    /**
     * Stores a move of the order (its status, its sub-orders' statuses, the transfers it
     * makes owed or calls off) with the events of its changes, in one write, if the order
     * is still at {@code transition.from().version()}; a change of status is announced to
     * the order's followers. Emits the moved order; errors with
     * {@link ConcurrentOrderUpdate} when the order changed meanwhile (nothing is written
     * then).
     */
    Mono<Order> record(OrderTransition transition);

    /**
     * Emits up to {@code limit} orders with vendor transfers due now (marked due when the
     * order was paid, or when a retry's wait ended), longest due first, each with the
     * charge its payment was collected by (in one read for them all).
     */
    Flux<TransfersDue> transfersDue(int limit);

    /**
     * Emits up to {@code limit} transferred vendor shares whose reversal is due now (owed
     * since their order was refunded, or since a failed reversal's wait ended), longest
     * due first.
     */
    Flux<ReversalDue> reversalsDue(int limit);

    /** A transferred vendor share to take back: its sub-order and the order it is in. */
    record ReversalDue(OrderId orderId, UUID subOrderId) {
    }

    /** Records the share's transfer taken back: its reversal is owed no more. */
    Mono<Void> reversed(UUID subOrderId);

    /**
     * Puts a reversal that failed off: due again after a wait that doubles with each
     * failure from {@code first}, at most {@code longest}.
     */
    Mono<Void> retryReversalLater(UUID subOrderId, Duration first, Duration longest);

    /**
     * An order whose vendors are owed their shares.
     *
     * @param chargeId the charge that collected the order's payment, if it was recorded
     */
    record TransfersDue(Order order, @Nullable String chargeId) {
    }

    /**
     * Remembers the Stripe transfers made for the orders' sub-orders
     * ({@code transfersByOrder}: per order, sub-order id to transfer id; empty when none
     * were owed), so paying an order again asks Stripe nothing, and marks nothing due any
     * more for their vendors: one write for them all. Emits, per order, the ids of the
     * sub-orders among its transfers that were cancelled meanwhile, whose transfers must
     * be taken back (orders with none are left out). The sub-orders in {@code held} stay
     * due: their vendors' payouts are held, they are paid once released.
     */
    Mono<Map<OrderId, Set<UUID>>> recordTransfers(Map<OrderId, Map<UUID, String>> transfersByOrder, Set<UUID> held);

    /**
     * The order's transfers failed: due again after {@code first}, doubling with each
     * failure up to {@code longest}.
     */
    Mono<Void> retryTransfersLater(OrderId id, Duration first, Duration longest);

    /**
     * Takes a paid order's sub-orders back from their vendors before it is refunded, so
     * none can ship meanwhile: emits {@code false} (and changes nothing) when one has
     * shipped already. Counts as a change of the order (its version moves), so a shipping
     * that raced it fails and is tried again.
     */
    Mono<Boolean> withdrawFromVendors(OrderId id);

    /**
     * Gives withdrawn sub-orders back to their vendors (the refund did not happen), each
     * as it was: accepted, or still awaiting its vendor; the order's version moves.
     */
    Mono<Void> returnToVendors(OrderId id);

}
