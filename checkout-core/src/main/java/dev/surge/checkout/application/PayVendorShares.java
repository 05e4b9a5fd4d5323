package dev.surge.checkout.application;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.PaymentSplit;
import dev.surge.checkout.domain.SubOrder;
import dev.surge.checkout.domain.VendorTerms;
import dev.surge.checkout.domain.TransferRequest;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.checkout.port.VendorDirectory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pays each vendor of a paid multi-vendor order its share with one Stripe transfer per
 * sub-order, off the shopper's request path: paying an order only marks its transfers due
 * (in the same transaction), and this job makes them, once each (keyed by the sub-order
 * at Stripe, and remembered), retrying with back-off until Stripe takes them. A sub-order
 * cancelled while its transfer was on its way gets the transfer reversed at once, so a
 * refund racing the job never leaves a vendor paid for goods refunded.
 */
public final class PayVendorShares {

    private static final System.Logger LOG = System.getLogger(PayVendorShares.class.getName());

    /** The first retry after a failure; each next one waits twice as long. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(2);

    public static final Duration LONGEST_RETRY = Duration.ofHours(1);

    /** Orders paid concurrently per pass: each waits on Stripe, none on the CPU. */
    private static final int CONCURRENCY = 8;

    private final Orders orders;

    private final PaymentGateway payments;

    private final VendorDirectory vendors;

    public PayVendorShares(Orders orders, PaymentGateway payments, VendorDirectory vendors) {
        this.orders = orders;
        this.payments = payments;
        this.vendors = vendors;
    }

    /**
     * One pass: pays the vendors of up to {@code limit} orders whose transfers are due,
     * then records what was made for all of them in one write. Emits how many orders were
     * settled with their vendors; an order whose transfer failed is retried later (not an
     * error of the pass). A pass that dies before its write is repeated by the next one:
     * the transfers' keys make the repeats one at Stripe.
     */
    public Mono<Long> payDue(int limit) {
        Set<UUID> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return orders.transfersDue(limit)
            .flatMap(due -> transfers(due.order(), due.chargeId(), held).map(made -> Map.entry(due.order().id(), made))
                .onErrorResume(failure -> {
                    LOG.log(System.Logger.Level.WARNING,
                            "Paying the vendors of order " + due.order().id() + " failed; retrying later: " + failure);
                    return orders.retryTransfersLater(due.order().id(), FIRST_RETRY, LONGEST_RETRY).then(Mono.empty());
                }), CONCURRENCY)
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            // Shares cancelled while their transfers were made are owed back from this
            // write on (TakeBackVendorShares).
            .flatMap(made -> orders.recordTransfers(made, Set.copyOf(held)).thenReturn((long) made.size()));
    }

    /**
     * The transfers made for the order's owed shares: sub-order id to transfer id. The
     * shares of vendors whose payouts are held (suspended, or no account that may be paid
     * yet) wait, added to {@code held}. A share placed before its vendor had an account
     * goes to the account the vendor has now.
     */
    private Mono<Map<UUID, String>> transfers(Order order, @Nullable String recordedCharge, Set<UUID> held) {
        List<SubOrder> awaiting = order.subOrders().stream().filter(SubOrder::awaitsTransfer).toList();
        if (!paidWithSeparateTransfers(order) || awaiting.isEmpty() || order.payment() == null) {
            return Mono.just(Map.of());
        }
        return vendors.terms(awaiting.stream().map(SubOrder::vendorId).toList()).flatMap(terms -> {
            List<Owed> owed = new java.util.ArrayList<>();
            for (SubOrder subOrder : awaiting) {
                VendorTerms vendor = terms.get(subOrder.vendorId());
                ConnectedAccountId account = subOrder.account() != null ? subOrder.account()
                        : vendor == null ? null : vendor.account();
                if ((vendor != null && vendor.payoutsHeld()) || account == null) {
                    held.add(subOrder.id());
                }
                else {
                    owed.add(new Owed(subOrder, account));
                }
            }
            return owed.isEmpty() ? Mono.just(Map.<UUID, String>of()) : transfer(order, owed, recordedCharge);
        });
    }

    /** A share to transfer now, and where to. */
    private record Owed(SubOrder subOrder, ConnectedAccountId account) {
    }

    private Mono<Map<UUID, String>> transfer(Order order, List<Owed> owed, @Nullable String recordedCharge) {
        // Payments recorded before charges were (or whose provider named none) ask once.
        Mono<Optional<String>> charge = recordedCharge != null ? Mono.just(Optional.of(recordedCharge))
                : payments.retrieve(order.payment()).map(payment -> Optional.ofNullable(payment.latestChargeId()));
        return charge
            .flatMapMany(source -> Flux.fromIterable(owed)
                .concatMap(share -> payments
                    .transfer(new TransferRequest(order.id(), share.subOrder().id().toString(), share.account(),
                            share.subOrder().vendorShare(), source.orElse(null), order.placedAt()))
                    .map(transfer -> Map.entry(share.subOrder().id(), transfer.id()))))
            .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static boolean paidWithSeparateTransfers(Order order) {
        return (order.status() == OrderStatus.PAID || order.status() == OrderStatus.FULFILLED)
                && order.split() instanceof PaymentSplit.SeparateTransfers;
    }

}
