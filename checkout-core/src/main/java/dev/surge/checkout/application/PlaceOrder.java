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
import dev.surge.checkout.domain.CustomerId;
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
import dev.surge.checkout.port.CartAlreadyOrdered;
import dev.surge.checkout.port.Carts;
import dev.surge.checkout.port.CheckoutRequests;
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
 * also completes the key. Whatever fails after the reservation gives the stock back and
 * frees the key, so the same request may simply be sent again; nothing is charged twice
 * because the payment is keyed by the order, and a payment whose order was never written
 * was never shown to anyone who could confirm it.
 */
public final class PlaceOrder {

    private static final System.Logger LOG = System.getLogger(PlaceOrder.class.getName());

    /**
     * How long a checkout may hold its key before a retry may take over (after a crash).
     */
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final CheckoutRequests requests;

    private final Carts carts;

    private final CartPricing pricing;

    private final StockReservations reservations;

    private final RecentStockLevels shownLevels;

    private final VendorDirectory vendors;

    private final Orders orders;

    private final PaymentGateway payments;

    private final Duration reservationTtl;

    private final Clock clock;

    private final Supplier<UUID> ids;

    private final RandomGenerator secureRandom;

    /**
     * {@code shownLevels}: the stock levels the catalog shows (possibly a little old);
     * when those in memory say a cart cannot be served, the live levels are asked before
     * anything is written.
     */
    public PlaceOrder(CheckoutRequests requests, Carts carts, CartPricing pricing, StockReservations reservations,
            RecentStockLevels shownLevels, VendorDirectory vendors, Orders orders, PaymentGateway payments,
            Duration reservationTtl, Clock clock, Supplier<UUID> ids, RandomGenerator secureRandom) {
        this.requests = requests;
        this.carts = carts;
        this.pricing = pricing;
        this.reservations = reservations;
        this.shownLevels = shownLevels;
        this.vendors = vendors;
        this.orders = orders;
        this.payments = payments;
        this.reservationTtl = reservationTtl;
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
            .claim(command.scopedKey(), command.fingerprint(), new OrderId(ids.get()), orderToken.value(), LEASE)
            .flatMap(claim -> switch (claim) {
                case CheckoutRequests.Claim.Replay replay -> Mono.just(new Result.Placed(replay.answer(), true));
                case CheckoutRequests.Claim.InFlight inFlight ->
                    Mono.just(new Result.Rejected(new Rejection.KeyInFlight()));
                case CheckoutRequests.Claim.Reused reused -> Mono.just(new Result.Rejected(new Rejection.KeyReused()));
                case CheckoutRequests.Claim.Fresh fresh ->
                    priced.map(cart -> checkoutPriced(command, fresh.orderId(), orderToken, cart))
                        .orElseGet(() -> Mono.just(new Result.Rejected(new Rejection.CartNotFound())))
                        .flatMap(result -> result instanceof Result.Rejected
                                ? requests.release(command.scopedKey()).thenReturn(result) : Mono.just(result))
                        .onErrorResume(failure -> requests.release(command.scopedKey())
                            .onErrorResume(releaseFailure -> Mono.empty())
                            .then(Mono.error(failure)));
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

    private Mono<Result> checkoutPriced(Command command, OrderId orderId, CartToken orderToken, PricedCart priced) {
        Optional<Rejection> refusal = refusalBeforeReservation(command, priced);
        if (refusal.isPresent()) {
            return Mono.just(new Result.Rejected(refusal.get()));
        }
        List<ReservationLine> lines = reservationLines(priced);
        ReservationId reservation = new ReservationId(orderId.value());
        return reservations.reserve(reservation, lines, reservationTtl).onErrorResume(failure -> {
            giveBackWhenAnswered(reservation);
            return Mono.error(failure);
        }).flatMap(outcome -> switch (outcome) {
            case ReservationOutcome.Reserved reserved ->
                afterReservation(command, orderId, orderToken, priced, reserved.reservation())
                    .onErrorResume(failure -> giveBack(reserved.reservation().id()).then(Mono.error(failure)))
                    .onErrorResume(CartAlreadyOrdered.class,
                            ordered -> Mono.just(new Result.Rejected(new Rejection.CartAlreadyOrdered())))
                    .onErrorResume(OffersSuperseded.class, superseded -> refusedAsSuperseded(priced, superseded));
            case ReservationOutcome.OutOfStock out -> refusedShort(out.shortfalls());
            case ReservationOutcome.UnknownSkus unknown ->
                Mono.just(new Result.Rejected(new Rejection.LinesUnavailable(unknown.skus())));
            case ReservationOutcome.AlreadyEnded ended ->
                Mono.error(new IllegalStateException("reservation " + orderId + " ended before its order was written"));
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
    private Mono<Result> refusedShort(List<Shortfall> shortfalls) {
        shownLevels.remember(shortfalls.stream()
            .collect(Collectors.toMap(Shortfall::sku, Shortfall::available, (first, again) -> first)));
        return Mono.just(new Result.Rejected(new Rejection.InsufficientStock(shortfalls)));
    }

    private Mono<Result> afterReservation(Command command, OrderId orderId, CartToken orderToken, PricedCart priced,
            Reservation reservation) {
        Instant placedAt = clock.instant();
        return Mono
            .zip(vendors.terms(priced.vendors().stream().map(VendorShare::vendorId).toList()),
                    vendors.commissions(placedAt))
            .map(termsAndCommissions -> Order.place(orderId, priced, termsAndCommissions.getT1(),
                    termsAndCommissions.getT2(), orderToken.hash(), command.email(), command.shippingAddress(),
                    placedAt, reservation.expiresAt(), ids))
            .flatMap(order -> payments
                .createPayment(new PaymentRequest(order.id(), order.totals().total(), order.email(), order.split()))
                .flatMap(payment -> orders
                    .place(order.withPayment(payment.id()), command.cartId(), payment.clientSecret())
                    .onErrorResume(failure -> cancel(payment.id()).then(Mono.error(failure)))
                    .map(stored -> new PlacedOrder(stored, orderToken.value(), payment.id(), payment.clientSecret()))))
            .flatMap(placed -> carts.delete(command.cartId())
                .onErrorResume(failure -> Mono.empty())
                .thenReturn(new Result.Placed(placed, false)));
    }

    /**
     * Best effort, for a payment whose order could not be written: its key is given up,
     * so a retry places another order with another payment, and nobody holds this one's
     * client secret; cancelling tidies it away at Stripe. (Should the write have
     * committed after all, its order is cancelled by the payment's webhook, stock given
     * back.)
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

    /** A checkout request. */
    public record Command(String idempotencyKey, CartId cartId, @Nullable CustomerId customer,
            @Nullable String cartToken, String email, Map<String, String> shippingAddress) {

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

    }

}
