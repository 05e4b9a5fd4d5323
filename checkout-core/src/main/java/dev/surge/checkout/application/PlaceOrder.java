package dev.surge.checkout.application;

import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.random.RandomGenerator;

import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.CartToken;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.Buyer;
import dev.surge.checkout.domain.CappedLine;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.QueueTicket;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRequest;
import dev.surge.checkout.domain.PlacedOrder;
import dev.surge.checkout.domain.PricedCart;
import dev.surge.checkout.domain.Reservation;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.Sha256;
import dev.surge.checkout.domain.Shortfall;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.Quantity;
import dev.surge.checkout.domain.VendorShare;
import dev.surge.checkout.port.AttemptSuperseded;
import dev.surge.checkout.port.CartAlreadyOrdered;
import dev.surge.checkout.port.Carts;
import dev.surge.checkout.port.CheckoutRequests;
import dev.surge.checkout.port.CheckoutRequests.Attempt;
import dev.surge.checkout.port.OffersSuperseded;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.checkout.port.StockReservations;
import dev.surge.checkout.port.VendorDirectory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The checkout: prices the cart on the server, claims the idempotency key (with the
 * order's token, for replays), reserves its stock all-or-nothing, creates the payment,
 * and writes the order with its payment, sub-orders and events last, in one write that
 * also completes the key. An attempt that ends without its order gives back what it took
 * (its hold, its payment) and frees the key, so the same request may simply be sent
 * again. The key fences attempts: one whose lease ran out (its process died or stalled)
 * may be taken over by a retry, and then it can neither store its order nor free the key,
 * and whatever it took is its own (a hold and a payment of its own), so giving it back
 * never touches the retry's. Nothing is charged twice because a payment whose order was
 * never written was never shown to anyone who could confirm it.
 */
public final class PlaceOrder {

    private static final System.Logger LOG = System.getLogger(PlaceOrder.class.getName());

    private final CheckoutRequests requests;

    private final Carts carts;

    private final CartPricing pricing;

    private final StockReservations reservations;

    private final RecentStockLevels shownLevels;

    private final VendorDirectory vendors;

    private final Orders orders;

    private final PaymentGateway payments;

    private final Holds holds;

    private final Duration lease;

    private final Clock clock;

    private final Supplier<UUID> ids;

    private final RandomGenerator secureRandom;

    /**
     * {@code shownLevels}: the stock levels the catalog shows (possibly a little old);
     * when those in memory say a cart cannot be served, the live levels are asked before
     * anything is written. {@code lease}: how long an attempt holds its key before a
     * retry may take over (longer than a checkout takes when its services are slow, as a
     * retry within it is answered {@code idempotency-key-in-flight}). {@code holds}: how
     * long a signed-in customer's and a guest's checkout holds its stock.
     */
    public PlaceOrder(CheckoutRequests requests, Carts carts, CartPricing pricing, StockReservations reservations,
            RecentStockLevels shownLevels, VendorDirectory vendors, Orders orders, PaymentGateway payments, Holds holds,
            Duration lease, Clock clock, Supplier<UUID> ids, RandomGenerator secureRandom) {
        this.requests = requests;
        this.carts = carts;
        this.pricing = pricing;
        this.reservations = reservations;
        this.shownLevels = shownLevels;
        this.vendors = vendors;
        this.orders = orders;
        this.payments = payments;
        this.holds = holds;
        this.lease = lease;
        this.clock = clock;
        this.ids = ids;
        this.secureRandom = secureRandom;
    }

    /**
     * Emits the placed (or replayed) order, or why the checkout was refused. Once
     * started, a checkout runs to its end even if the caller goes away (a timeout, a
     * dropped connection): its compensation must run, and a retry then finds its answer.
     */
    public Mono<Result> place(Command command) {
        return Mono.defer(() -> Mono.fromFuture(placeToTheEnd(command).toFuture(), true));
    }

    private Mono<Result> placeToTheEnd(Command command) {
        // The cart first (a read): a checkout the stock cannot serve is then
        // refused without a write, so a sold-out flash sale costs PostgreSQL
        // no durable commit per refusal.
        return carts.find(command.cartId())
            .filter(stored -> stored.opensFor(command.customer(), command.cartToken()))
            .flatMap(stored -> pricing.price(stored.cart()))
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap(priced -> refusedForWantOfStock(command, priced)
                .switchIfEmpty(Mono.defer(() -> claimAndCheckout(command, priced))));
    }

    /**
     * Emits the refusal of a checkout whose cart the stock cannot serve, without claiming
     * its key; completes empty whenever the checkout must go the whole way: the levels in
     * memory show enough or none (the reservation decides; nothing is read for a cart
     * that looks servable), the key is known (a replay or a retry must find its answer),
     * the cart is refused for another reason, or the live levels show enough after all.
     */
    private Mono<Result> refusedForWantOfStock(Command command, Optional<PricedCart> priced) {
        if (priced.isEmpty() || refusalBeforeReservation(command, priced.get()).isPresent()) {
            return Mono.empty();
        }
        List<ReservationLine> lines = reservationLines(priced.get());
        List<Sku> skus = lines.stream().map(ReservationLine::sku).toList();
        if (shortfalls(lines, shownLevels.recent(skus)).isEmpty()) {
            return Mono.empty();
        }
        return requests.known(command.scopedKey())
            .filter(known -> !known)
            .flatMap(unknown -> reservations.available(skus))
            .doOnNext(shownLevels::remember)
            // A SKU the store does not know is the reservation's to name
            // (items-unavailable).
            .filter(live -> live.keySet().containsAll(skus))
            .map(live -> shortfalls(lines, live))
            .filter(shortfalls -> !shortfalls.isEmpty())
            .map(shortfalls -> new Result.Rejected(new Rejection.InsufficientStock(shortfalls)));
    }

    private Mono<Result> claimAndCheckout(Command command, Optional<PricedCart> priced) {
        CartToken orderToken = CartToken.random(secureRandom);
        return requests
            .claim(command.scopedKey(), command.fingerprint(), new OrderId(ids.get()), orderToken.value(), lease)
            .flatMap(claim -> switch (claim) {
                case CheckoutRequests.Claim.Replay replay -> Mono.just(new Result.Placed(replay.answer(), true));
                case CheckoutRequests.Claim.InFlight inFlight ->
                    Mono.just(new Result.Rejected(new Rejection.KeyInFlight()));
                case CheckoutRequests.Claim.Reused reused -> Mono.just(new Result.Rejected(new Rejection.KeyReused()));
                case CheckoutRequests.Claim.Fresh fresh -> attempt(command, fresh.attempt(), orderToken, priced);
            });
    }

    /**
     * One attempt at the checkout. Taking over from an attempt whose lease ran out, it
     * gives the earlier attempts' holds back first: they can no longer store their order,
     * and one still running gives back only what is its own.
     */
    private Mono<Result> attempt(Command command, Attempt attempt, CartToken orderToken, Optional<PricedCart> priced) {
        attempt.earlierHolds().forEach(this::giveBackWhenAnswered);
        if (priced.isEmpty()) {
            return endWithoutOrder(command, attempt, Unfinished.refused(new Rejection.CartNotFound()));
        }
        return checkoutPriced(command, attempt, orderToken, priced.get())
            .onErrorResume(failure -> endWithoutOrder(command, attempt,
                    failure instanceof Unfinished unfinished ? unfinished : Unfinished.failed(failure, Holdings.NONE)));
    }

    /**
     * Ends an attempt that did not store its order (or cannot tell whether it did): the
     * key decides. Freed, the attempt gives back what it holds and answers why it ended;
     * completed by this attempt after all (its write committed, its answer was lost), the
     * order is the answer; completed or held by a later attempt, this one gives back what
     * it holds and answers as a retry would be answered. When the key cannot be read, a
     * write that may have committed leaves everything as it is (a retry after the lease
     * takes over and gives the hold back; the hold expires otherwise); anything else is
     * given back.
     */
    private Mono<Result> endWithoutOrder(Command command, Attempt attempt, Unfinished unfinished) {
        return requests.release(attempt)
            .map(Optional::of)
            .onErrorResume(unreadable -> Mono.just(Optional.empty()))
            .flatMap(release -> {
                if (release.isEmpty()) {
                    return (unfinished.writeUnsure() ? Mono.<Void>empty() : giveBack(unfinished.holdings()))
                        .then(unfinished.outcome());
                }
                return switch (release.get()) {
                    case CheckoutRequests.Release.Completed completed when completed.byThisAttempt() ->
                        placed(command, completed.answer());
                    case CheckoutRequests.Release.Completed completed ->
                        giveBack(unfinished.holdings()).thenReturn(new Result.Placed(completed.answer(), true));
                    case CheckoutRequests.Release.Superseded superseded ->
                        giveBack(unfinished.holdings()).thenReturn(new Result.Rejected(new Rejection.KeyInFlight()));
                    case CheckoutRequests.Release.Released released ->
                        giveBack(unfinished.holdings()).then(unfinished.outcome());
                };
            });
    }

    /** Why the cart cannot be checked out whatever the stock, if it cannot. */
    private static Optional<Rejection> refusalBeforeReservation(Command command, PricedCart priced) {
        if (priced.lines().isEmpty() && priced.unavailable().isEmpty()) {
            return Optional.of(new Rejection.EmptyCart());
        }
        if (!priced.unavailable().isEmpty()) {
            return Optional.of(new Rejection.LinesUnavailable(priced.unavailable()));
        }
        // Tax follows the cart's country, so the goods must go there.
        String shipTo = command.shippingAddress().getOrDefault("country", "");
        if (!shipTo.strip().equalsIgnoreCase(priced.cart().country().value())) {
            return Optional.of(new Rejection.ShippingCountryMismatch(priced.cart().country()));
        }
        return Optional.empty();
    }

    private static List<ReservationLine> reservationLines(PricedCart priced) {
        return priced.lines()
            .stream()
            .map(line -> new ReservationLine(line.sku(), Quantity.of(line.quantity())))
            .toList();
    }

    /**
     * The lines {@code levels} cannot serve, as the reservation script would name them; a
     * SKU without a level is not counted short.
     */
    private static List<Shortfall> shortfalls(List<ReservationLine> lines, Map<Sku, Integer> levels) {
        return lines.stream()
            .filter(line -> levels.containsKey(line.sku()) && line.quantity().value() > levels.get(line.sku()))
            .map(line -> new Shortfall(line.sku(), line.quantity().value(), levels.get(line.sku())))
            .toList();
    }

    /**
     * Emits the placed order or a refusal made before anything was taken; errors with
     * {@link Unfinished} once something was.
     */
    private Mono<Result> checkoutPriced(Command command, Attempt attempt, CartToken orderToken, PricedCart priced) {
        Optional<Rejection> refusal = refusalBeforeReservation(command, priced);
        if (refusal.isPresent()) {
            return Mono.error(Unfinished.refused(refusal.get()));
        }
        List<ReservationLine> lines = reservationLines(priced);
        ReservationId hold = attempt.hold();
        var holder = new StockReservations.Holder(command.buyer(), holds.openPerBuyer(), command.queueToken());
        return reservations.reserve(hold, lines, holds.of(command.customer()), holder)
            // The script may have run, its answer lost to a timeout.
            .onErrorMap(failure -> Unfinished.failed(failure, Holdings.unsure(hold)))
            .flatMap(outcome -> switch (outcome) {
                case ReservationOutcome.Reserved reserved ->
                    afterReservation(command, attempt, orderToken, priced, reserved.reservation());
                case ReservationOutcome.OutOfStock out ->
                    Mono.error(Unfinished.refused(refusedShort(out.shortfalls())));
                case ReservationOutcome.Queued queued ->
                    Mono.error(Unfinished.refused(new Rejection.Queued(queued.ticket())));
                case ReservationOutcome.PurchaseCapped capped ->
                    Mono.error(Unfinished.refused(new Rejection.PurchaseLimit(capped.lines())));
                case ReservationOutcome.TooManyOpenHolds open ->
                    Mono.error(Unfinished.refused(new Rejection.TooManyOpenOrders(open.allowed())));
                case ReservationOutcome.UnknownSkus unknown ->
                    Mono.error(Unfinished.refused(new Rejection.LinesUnavailable(unknown.skus())));
                case ReservationOutcome.AlreadyEnded ended -> Mono.error(Unfinished.failed(
                        new IllegalStateException("reservation " + hold + " ended before its order was written"),
                        Holdings.NONE));
            });
    }

    /**
     * The store of record no longer offers some lines as priced: read the offers again
     * and tell which is the case, a line no longer for sale at all (its vendor or product
     * withdrawn: items-unavailable) or only a price changed.
     */
    private Mono<Result> refusedAsSuperseded(PricedCart priced, OffersSuperseded superseded) {
        return pricing.refresh().then(pricing.price(priced.cart())).map(current -> {
            List<Sku> withdrawn = current.unavailable().stream().filter(superseded.skus()::contains).toList();
            return new Result.Rejected(withdrawn.isEmpty() ? new Rejection.PricesChanged(superseded.skus())
                    : new Rejection.LinesUnavailable(withdrawn));
        });
    }

    /**
     * The reservation's refusal; its levels become the shown ones, so the next checkouts
     * of a sold-out SKU are refused without a write (see {@link #refusedForWantOfStock}).
     */
    private Rejection refusedShort(List<Shortfall> shortfalls) {
        shownLevels.remember(shortfalls.stream()
            .collect(Collectors.toMap(Shortfall::sku, Shortfall::available, (first, again) -> first)));
        return new Rejection.InsufficientStock(shortfalls);
    }

    private Mono<Result> afterReservation(Command command, Attempt attempt, CartToken orderToken, PricedCart priced,
            Reservation reservation) {
        Instant placedAt = clock.instant();
        Holdings held = Holdings.of(reservation.id());
        return Mono
            .zip(vendors.terms(priced.vendors().stream().map(VendorShare::vendorId).toList()),
                    vendors.commissions(placedAt))
            .map(termsAndCommissions -> Order.place(attempt.orderId(), priced, termsAndCommissions.getT1(),
                    termsAndCommissions.getT2(), orderToken.hash(), command.email(), command.shippingAddress(),
                    placedAt, reservation.expiresAt(), ids))
            .onErrorMap(failure -> Unfinished.failed(failure, held))
            .flatMap(order -> payments
                .createPayment(new PaymentRequest(order.id(), order.totals().total(), order.email(), order.split()))
                .onErrorMap(failure -> Unfinished.failed(failure, held))
                .flatMap(payment -> orders
                    .place(order.withPayment(payment.id()), command.cartId(), payment.clientSecret(), attempt)
                    .onErrorMap(failure -> writeFailed(failure, held.with(payment.id()), priced))
                    .map(stored -> new PlacedOrder(stored, orderToken.value(), payment.id(), payment.clientSecret()))))
            .flatMap(placed -> placed(command, placed));
    }

    /** The checkout's answer once its order is stored: the cart has served. */
    private Mono<Result> placed(Command command, PlacedOrder order) {
        return carts.delete(command.cartId())
            .onErrorResume(failure -> Mono.empty())
            .thenReturn(new Result.Placed(order, false));
    }

    /**
     * The order's write failed: refused (nothing was written), or else it may have
     * committed before its answer was lost.
     */
    private Unfinished writeFailed(Throwable failure, Holdings holdings, PricedCart priced) {
        return switch (failure) {
            case CartAlreadyOrdered ordered ->
                new Unfinished(Mono.just(new Result.Rejected(new Rejection.CartAlreadyOrdered())), holdings, false);
            case OffersSuperseded superseded ->
                new Unfinished(Mono.defer(() -> refusedAsSuperseded(priced, superseded)), holdings, false);
            case AttemptSuperseded lost ->
                new Unfinished(Mono.just(new Result.Rejected(new Rejection.KeyInFlight())), holdings, false);
            default -> new Unfinished(Mono.error(failure), holdings, true);
        };
    }

    /** Gives back what an attempt that ends without its order holds. */
    private Mono<Void> giveBack(Holdings holdings) {
        Mono<Void> hold = Mono.empty();
        if (holdings.hold() != null && holdings.holdUnsure()) {
            giveBackWhenAnswered(holdings.hold());
        }
        else if (holdings.hold() != null) {
            hold = giveBack(holdings.hold());
        }
        return holdings.payment() == null ? hold : hold.then(cancel(holdings.payment()));
    }

    /**
     * Best effort, for a payment whose order was not written and never will be: nobody
     * holds its client secret; cancelling tidies it away at Stripe.
     */
    private Mono<Void> cancel(PaymentIntentId payment) {
        return payments.cancel(payment).then().onErrorResume(failure -> {
            LOG.log(System.Logger.Level.WARNING, "Could not cancel payment " + payment + " of a refused checkout",
                    failure);
            return Mono.empty();
        });
    }

    /**
     * A reservation that failed may still have been made (the script ran, its answer was
     * lost to a timeout): its hold is given back by its id, in the background and tried
     * again while the store does not answer, so no stock stays held without an order and
     * the shopper's answer does not wait for it.
     */
    private void giveBackWhenAnswered(ReservationId reservation) {
        giveBack(reservation, Retry.backoff(8, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10))).subscribe();
    }

    private Mono<Void> giveBack(ReservationId reservation) {
        return giveBack(reservation, Retry.max(0));
    }

    private Mono<Void> giveBack(ReservationId reservation, Retry retry) {
        return reservations.release(reservation).retryWhen(retry).then().onErrorResume(failure -> {
            LOG.log(System.Logger.Level.WARNING,
                    "Could not release reservation " + reservation + "; it expires by itself", failure);
            return Mono.empty();
        });
    }

    /**
     * What an attempt holds that is its own to give back when it ends without its order.
     *
     * @param holdUnsure whether the hold may not exist (its reservation's answer was
     * lost): given back in the background, retried while the store does not answer
     */
    private record Holdings(@Nullable ReservationId hold, boolean holdUnsure, @Nullable PaymentIntentId payment) {

        static final Holdings NONE = new Holdings(null, false, null);

        static Holdings of(ReservationId hold) {
            return new Holdings(hold, false, null);
        }

        static Holdings unsure(ReservationId hold) {
            return new Holdings(hold, true, null);
        }

        Holdings with(PaymentIntentId payment) {
            return new Holdings(hold, holdUnsure, payment);
        }

    }

    /**
     * An attempt that ends without its order: what to answer if it keeps its key to the
     * end, what it holds, and whether its order's write may have committed.
     */
    private static final class Unfinished extends RuntimeException {

        private final Mono<Result> outcome;

        private final Holdings holdings;

        private final boolean writeUnsure;

        Unfinished(Mono<Result> outcome, Holdings holdings, boolean writeUnsure) {
            super("checkout attempt ended without its order", null, false, false);
            this.outcome = outcome;
            this.holdings = holdings;
            this.writeUnsure = writeUnsure;
        }

        static Unfinished refused(Rejection rejection) {
            return new Unfinished(Mono.just(new Result.Rejected(rejection)), Holdings.NONE, false);
        }

        static Unfinished failed(Throwable failure, Holdings holdings) {
            return new Unfinished(Mono.error(failure), holdings, false);
        }

        Mono<Result> outcome() {
            return outcome;
        }

        Holdings holdings() {
            return holdings;
        }

        boolean writeUnsure() {
            return writeUnsure;
        }

    }

    /** A checkout request. */
    /**
     * How long a checkout holds its stock: a signed-in customer's {@code signedIn}, a
     * guest's {@code guest} (shorter by default: a guest's hold costs the holder nothing,
     * so it should not keep stock from others for long), never longer than the
     * customer's.
     */
    public record Holds(Duration signedIn, Duration guest, int openPerBuyer) {

        /**
         * {@code openPerBuyer}: how many open, unpaid orders (each holding stock) one
         * buyer may have at once; {@link StockReservations.Holder#ANY_NUMBER_OPEN} for no
         * bound.
         */
        public Holds {
            if (signedIn.isNegative() || signedIn.isZero() || guest.isNegative() || guest.isZero()) {
                throw new IllegalArgumentException("holds must be positive");
            }
            if (openPerBuyer < 0) {
                throw new IllegalArgumentException("open orders per buyer cannot be negative: " + openPerBuyer);
            }
        }

        /** Without a bound on a buyer's open orders. */
        public Holds(Duration signedIn, Duration guest) {
            this(signedIn, guest, StockReservations.Holder.ANY_NUMBER_OPEN);
        }

        Duration of(@Nullable CustomerId customer) {
            return customer != null || guest.compareTo(signedIn) > 0 ? signedIn : guest;
        }

    }

    public record Command(String idempotencyKey, CartId cartId, @Nullable CustomerId customer,
            @Nullable String cartToken, String email, Map<String, String> shippingAddress,
            @Nullable String queueToken) {

        /** Without a queue token. */
        public Command(String idempotencyKey, CartId cartId, @Nullable CustomerId customer, @Nullable String cartToken,
                String email, Map<String, String> shippingAddress) {
            this(idempotencyKey, cartId, customer, cartToken, email, shippingAddress, null);
        }

        public Command {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(cartId, "cartId");
            Objects.requireNonNull(email, "email");
            shippingAddress = Map.copyOf(shippingAddress);
        }

        /**
         * The key as stored: scoped by the caller, so two callers choosing the same key
         * never collide, and (for guests) bound to the cart token, a secret never stored,
         * from which the sealing of the order token is derived.
         */
        String scopedKey() {
            String caller = customer != null ? "customer:" + customer.value()
                    : "cart-token:" + (cartToken == null ? "" : cartToken);
            return caller + "|" + idempotencyKey;
        }

        /**
         * Whom the SKUs' per-buyer limits count: the signed-in customer, else the guest's
         * e-mail address.
         */
        Buyer buyer() {
            return customer != null ? Buyer.customer(customer) : Buyer.guest(email);
        }

        /**
         * What makes two requests the same: cart, caller, email and address. The same key
         * with another fingerprint is a reused key.
         */
        String fingerprint() {
            String caller = customer != null ? "customer:" + customer.value()
                    : "token:" + (cartToken == null ? "" : Sha256.hex(cartToken));
            return Sha256.hex(cartId + "\n" + caller + "\n" + email + "\n" + new TreeMap<>(shippingAddress));
        }

    }

    /** What a checkout came to. */
    public sealed interface Result {

        /**
         * @param replayed whether this is the stored answer to an earlier request with
         * the key
         */
        record Placed(PlacedOrder order, boolean replayed) implements Result {
        }

        record Rejected(Rejection rejection) implements Result {
        }

    }

    /** Why a checkout was refused; nothing was reserved, written or charged. */
    public sealed interface Rejection {

        record KeyInFlight() implements Rejection {
        }

        record KeyReused() implements Rejection {
        }

        record CartNotFound() implements Rejection {
        }

        record EmptyCart() implements Rejection {
        }

        record LinesUnavailable(List<Sku> skus) implements Rejection {
        }

        record InsufficientStock(List<Shortfall> shortfalls) implements Rejection {
        }

        /** The shipping address is in another country than the cart was priced for. */
        record ShippingCountryMismatch(CountryCode cartCountry) implements Rejection {
        }

        /**
         * The cart was priced from offers superseded meanwhile (a new price, or the
         * product or vendor left the catalog): the shopper sees the cart as it is now
         * before being charged.
         */
        record PricesChanged(List<Sku> skus) implements Rejection {

            public PricesChanged {
                skus = List.copyOf(skus);
            }

        }

        /** Another checkout of this cart is waiting for payment. */
        record CartAlreadyOrdered() implements Rejection {
        }

        /**
         * A SKU in the cart has a waiting room that has not admitted the shopper yet;
         * nothing was reserved. Check out again with the ticket's token once admitted.
         */
        record Queued(QueueTicket ticket) implements Rejection {
        }

        /**
         * Some lines would take the buyer past their SKU's per-buyer limit; nothing was
         * reserved.
         */
        record PurchaseLimit(List<CappedLine> lines) implements Rejection {

            public PurchaseLimit {
                lines = List.copyOf(lines);
            }

        }

        /**
         * The buyer has as many open, unpaid orders as one buyer may have at once;
         * nothing was reserved. Paying or cancelling one makes room.
         */
        record TooManyOpenOrders(int allowed) implements Rejection {
        }

    }

}
