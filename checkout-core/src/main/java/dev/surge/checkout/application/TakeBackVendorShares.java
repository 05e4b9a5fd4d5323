package dev.surge.checkout.application;

import java.time.Duration;

import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.PaymentGateway;
import reactor.core.publisher.Mono;

/**
 * Takes back the vendor shares owed back: the transfers of a refunded order's sub-orders,
 * and of sub-orders cancelled while their transfers were being made. Each reversal is a
 * durable step: owed from the moment its order's move is stored, made here, recorded once
 * Stripe has taken the money back, and retried with a growing wait when Stripe fails, so
 * a vendor is never left paid for a refunded order. Reversing is idempotent at Stripe (a
 * transfer already reversed is left alone), so a pass that dies after Stripe and before
 * its record is simply repeated.
 */
public final class TakeBackVendorShares {

    private static final System.Logger LOG = System.getLogger(TakeBackVendorShares.class.getName());

    /** Wait before the first retry of a failed reversal; it doubles with each failure. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(5);

    /** The longest wait between two tries. */
    public static final Duration LONGEST_RETRY = Duration.ofHours(1);

    private final Orders orders;

    private final PaymentGateway payments;

    public TakeBackVendorShares(Orders orders, PaymentGateway payments) {
        this.orders = orders;
        this.payments = payments;
    }

    /**
     * One pass over up to {@code limit} reversals due. Emits how many were made; one that
     * failed is tried again later (not an error of the pass).
     */
    public Mono<Long> takeBackDue(int limit) {
        return orders.reversalsDue(limit)
            .concatMap(due -> payments.reverseTransfer(due.orderId(), due.subOrderId().toString())
                .then(orders.reversed(due.subOrderId()))
                .thenReturn(1L)
                .onErrorResume(failure -> {
                    LOG.log(System.Logger.Level.WARNING, "Taking back the share of sub-order " + due.subOrderId()
                            + " of order " + due.orderId() + " failed; retrying later: " + failure);
                    return orders.retryReversalLater(due.subOrderId(), FIRST_RETRY, LONGEST_RETRY).thenReturn(0L);
                }))
            .reduce(0L, Long::sum);
    }

}
