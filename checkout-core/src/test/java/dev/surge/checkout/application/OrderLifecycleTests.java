package dev.surge.checkout.application;

import static dev.surge.checkout.domain.CartFixtures.ALPINE;
import static dev.surge.checkout.domain.CartFixtures.NORDIC;
import static dev.surge.checkout.domain.CartFixtures.line;
import static dev.surge.checkout.domain.CartFixtures.priced;
import static dev.surge.checkout.domain.OrderFixtures.ALPINE_ACCOUNT;
import static dev.surge.checkout.domain.OrderFixtures.NORDIC_ACCOUNT;
import static dev.surge.checkout.domain.OrderFixtures.PLACED_AT;
import static dev.surge.checkout.domain.OrderFixtures.TOKEN;
import static dev.surge.checkout.domain.OrderFixtures.place;
import static dev.surge.checkout.domain.OrderFixtures.terms;
import static dev.surge.checkout.domain.OrderFixtures.termsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRecord;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.SubOrder;
import dev.surge.checkout.domain.SubOrderStatus;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorSubOrder;
import dev.surge.checkout.port.VendorOrders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * An order's life through the use cases, on in-memory stores that move orders the way
 * PostgreSQL does (only from the version read): settling, cancelling, expiring and
 * shipping call the order's own transitions, and each move writes its events with it.
 */
class OrderLifecycleTests {

    private static final Instant NOW = PLACED_AT.plus(Duration.ofMinutes(3));

    private static final PaymentIntentId PAYMENT = new PaymentIntentId("pi_lifecycle");

    /** Two vendors with connected accounts: paid out by separate transfers. */
    private static final Order PENDING = place(priced(line("TEE-RED-M", 2), line("MUG-BLUE", 1)),
            termsOf(terms(NORDIC, 1500, NORDIC_ACCOUNT), terms(ALPINE, 1000, ALPINE_ACCOUNT)))
        .withPayment(PAYMENT);

    private static final UUID NORDIC_PART = new UUID(0, 1);

    private static final UUID ALPINE_PART = new UUID(0, 2);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemoryOrders orders = new InMemoryOrders();

    private final InMemoryStockReservations stock = new InMemoryStockReservations();

    private final InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();

    private final ScriptedPaymentGateway payments = new ScriptedPaymentGateway();

    private final SettlePayment settlePayment = new SettlePayment(orders, ledger, new CommitReservation(stock, stock),
            stock, payments, new RecordPaymentEvent(ledger, new InMemoryTransactions(ledger)),
            new InMemoryTransactions(ledger), Duration.ZERO, clock);

    private final CancelOrder cancelOrder = new CancelOrder(orders, payments, stock, settlePayment, clock);

    private final ExpireOrder expireOrder = new ExpireOrder(orders, payments, settlePayment, clock);

    @Test
    void aSucceededPaymentSellsTheHeldStockAndHandsTheSubOrdersToTheirVendors() {
        orders.with(PENDING);
        stock.holding(PENDING.reservation());
        ledger.with(succeeded());

        StepVerifier.create(settlePayment.settle(PAYMENT))
            .assertNext(paid -> assertThat(paid.status()).isEqualTo(OrderStatus.PAID))
            .verifyComplete();

        assertThat(stock.state(PENDING.reservation())).isEqualTo(ReservationState.COMMITTED);
        assertThat(stock.sales).containsExactly(PENDING.reservation());
        assertThat(orders.stored(PENDING.id()).subOrders()).extracting(SubOrder::status)
            .containsOnly(SubOrderStatus.PENDING);
        assertThat(orders.stored(PENDING.id()).awaitsVendor(NORDIC_PART)).isTrue();
        assertThat(orders.transfersOwed).containsExactlyInAnyOrder(NORDIC_PART, ALPINE_PART);
        assertThat(orders.eventTypes()).containsExactly("order.status", "suborder.paid", "suborder.paid");
    }

    @Test
    void aPaymentThatCameAfterTheHoldEndedIsRefundedAndTheOrderCancelled() {
        orders.with(PENDING);
        stock.expired(PENDING.reservation());
        ledger.with(succeeded());

        StepVerifier.create(settlePayment.settle(PAYMENT))
            .assertNext(cancelled -> assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED))
            .verifyComplete();

        assertThat(stock.sales).isEmpty();
        assertThat(payments.refunds).extracting(refund -> refund.purpose()).containsExactly("stock-released");
        assertThat(orders.transfersOwed).isEmpty();
        assertThat(orders.eventTypes()).containsExactly("order.status", "suborder.cancelled", "suborder.cancelled");
    }

    @Test
    void cancellingAPendingOrderCancelsItsPaymentAndGivesItsStockBack() {
        orders.with(PENDING);
        stock.holding(PENDING.reservation());

        StepVerifier.create(cancelOrder.cancel(PENDING.id(), null, TOKEN.value()))
            .assertNext(outcome -> assertThat(outcome).isInstanceOf(CancelOrder.Outcome.Cancelled.class))
            .verifyComplete();

        assertThat(payments.cancelled).containsExactly(PAYMENT);
        assertThat(stock.state(PENDING.reservation())).isEqualTo(ReservationState.RELEASED);
        assertThat(orders.stored(PENDING.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders.eventTypes()).containsExactly("order.status", "suborder.cancelled", "suborder.cancelled");
    }

    @Test
    void cancellingAPaidOrderRefundsItAndOwesNothingBackBeforeTheVendorsWerePaid() {
        orders.with(PENDING.pay(NOW).to());

        StepVerifier.create(cancelOrder.cancel(PENDING.id(), null, TOKEN.value()))
            .assertNext(outcome -> assertThat(outcome.order().status()).isEqualTo(OrderStatus.REFUNDED))
            .verifyComplete();

        assertThat(payments.refunds).singleElement()
            .satisfies(refund -> assertThat(refund.payment()).isEqualTo(PAYMENT));
        // Nothing was transferred yet: the shares are called off, nothing is owed back.
        assertThat(orders.reversalsOwed).isEmpty();
        assertThat(payments.reversedTransfers).isEmpty();
        assertThat(orders.stored(PENDING.id()).subOrders()).extracting(SubOrder::status)
            .containsOnly(SubOrderStatus.CANCELLED);
        assertThat(orders.eventTypes()).containsExactly("order.status", "suborder.cancelled", "suborder.cancelled");
    }

    @Test
    void aSecondCancelOfARefundedOrderAnswersItCancelled() {
        orders.with(PENDING.pay(NOW).to());
        cancelOrder.cancel(PENDING.id(), null, TOKEN.value()).block();
        int events = orders.outbox.size();

        StepVerifier.create(cancelOrder.cancel(PENDING.id(), null, TOKEN.value())).assertNext(outcome -> {
            assertThat(outcome).isInstanceOf(CancelOrder.Outcome.NotCancellable.class);
            assertThat(outcome.order().status()).isEqualTo(OrderStatus.REFUNDED);
        }).verifyComplete();
        assertThat(orders.outbox).hasSize(events);
    }

    @Test
    void aCancelRacingAnotherAnswersCancelledOnceTheOtherRefundedTheOrder() {
        orders.with(PENDING.pay(NOW).to());
        // The other cancel withdraws and refunds between this one's read and its
        // withdrawal.
        orders.beforeNextWithdrawal(() -> cancelOrder.cancel(PENDING.id(), null, TOKEN.value()).block());

        StepVerifier.create(cancelOrder.cancel(PENDING.id(), null, TOKEN.value())).assertNext(outcome -> {
            assertThat(outcome).isInstanceOf(CancelOrder.Outcome.Cancelled.class);
            assertThat(outcome.order().status()).isEqualTo(OrderStatus.REFUNDED);
        }).verifyComplete();
        assertThat(orders.eventTypes()).containsExactly("order.status", "suborder.cancelled", "suborder.cancelled");
    }

    @Test
    void aPaidOrderWithAShippedPartIsNotCancelledNorRefunded() {
        orders.with(PENDING.pay(NOW).to().ship(NORDIC_PART, "DHL", "JD0001", NOW).to());

        StepVerifier.create(cancelOrder.cancel(PENDING.id(), null, TOKEN.value()))
            .assertNext(outcome -> assertThat(outcome).isInstanceOf(CancelOrder.Outcome.PartlyShipped.class))
            .verifyComplete();

        assertThat(payments.refunds).isEmpty();
        assertThat(orders.stored(PENDING.id()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(orders.outbox).isEmpty();
    }

    @Test
    void anExpiredHoldCancelsItsPendingOrderAndItsPayment() {
        orders.with(PENDING);

        StepVerifier.create(expireOrder.expire(PENDING.reservation())).verifyComplete();

        assertThat(payments.cancelled).containsExactly(PAYMENT);
        assertThat(orders.stored(PENDING.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders.eventTypes()).first().isEqualTo("order.status");
    }

    @Test
    void anExpiryLeavesAPaidOrderAlone() {
        orders.with(PENDING.pay(NOW).to());

        StepVerifier.create(expireOrder.expire(PENDING.reservation())).verifyComplete();

        assertThat(payments.cancelled).isEmpty();
        assertThat(orders.stored(PENDING.id()).status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void anExpiryWhoseCancellationStripeRefusesSettlesThePaymentInstead() {
        orders.with(PENDING);
        stock.expired(PENDING.reservation());
        payments.refusingCancels()
            .with(new dev.surge.checkout.domain.Payment(PAYMENT, PENDING.id(), PENDING.totals().total(),
                    dev.surge.checkout.domain.PaymentStatus.SUCCEEDED, null, "ch_1", null, PLACED_AT));

        StepVerifier.create(expireOrder.expire(PENDING.reservation())).verifyComplete();

        // The stock went back before the money came: the money goes back too.
        assertThat(orders.stored(PENDING.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(payments.refunds).extracting(refund -> refund.purpose()).containsExactly("stock-released");
    }

    @Test
    void theLastVendorToShipFulfilsTheOrderEvenWhenAnotherShipmentRacedIt() {
        orders.with(PENDING.pay(NOW).to());
        Order paid = PENDING.pay(NOW).to();
        orders.with(paid.accept(NORDIC_PART, NOW).to().accept(ALPINE_PART, NOW).to());
        FulfilSubOrders fulfil = new FulfilSubOrders(new VendorView(orders), orders, clock);
        // The other vendor ships between this shipping's read and its write.
        orders.beforeNextRecord(() -> fulfil.ship(NORDIC, NORDIC_PART, "DHL", "JD0001").block());

        StepVerifier.create(fulfil.ship(ALPINE, ALPINE_PART, "UPS", "1Z999"))
            .assertNext(outcome -> assertThat(outcome).isInstanceOf(FulfilSubOrders.Outcome.Done.class))
            .verifyComplete();

        Order fulfilled = orders.stored(PENDING.id());
        assertThat(fulfilled.status()).isEqualTo(OrderStatus.FULFILLED);
        assertThat(fulfilled.subOrders()).extracting(SubOrder::status).containsOnly(SubOrderStatus.SHIPPED);
        assertThat(orders.eventTypes()).containsExactly("suborder.shipped", "suborder.shipped", "order.status");
    }

    @Test
    void acceptingTwiceAcceptsOnceAndAnUnpaidSubOrderIsRefused() {
        orders.with(PENDING);
        FulfilSubOrders fulfil = new FulfilSubOrders(new VendorView(orders), orders, clock);

        StepVerifier.create(fulfil.accept(NORDIC, NORDIC_PART))
            .assertNext(outcome -> assertThat(outcome).isInstanceOf(FulfilSubOrders.Outcome.Refused.class))
            .verifyComplete();

        orders.with(PENDING.pay(NOW).to());
        StepVerifier.create(fulfil.accept(NORDIC, NORDIC_PART).then(fulfil.accept(NORDIC, NORDIC_PART)))
            .assertNext(outcome -> {
                assertThat(outcome).isInstanceOf(FulfilSubOrders.Outcome.Done.class);
                assertThat(outcome.subOrder().status()).isEqualTo(SubOrderStatus.ACCEPTED);
            })
            .verifyComplete();
        assertThat(orders.eventTypes()).containsExactly("suborder.accepted");
        // Another vendor's sub-order is not there for this vendor.
        StepVerifier.create(fulfil.accept(NORDIC, ALPINE_PART)).verifyComplete();
    }

    @Test
    void aVendorCannotShipNorAcceptWhatWasWithdrawnForARefund() {
        orders.with(PENDING.pay(NOW).to());
        orders.withdrawFromVendors(PENDING.id()).block();
        FulfilSubOrders fulfil = new FulfilSubOrders(new VendorView(orders), orders, clock);

        StepVerifier.create(fulfil.ship(NORDIC, NORDIC_PART, "DHL", "JD0001"))
            .assertNext(outcome -> assertThat(outcome).isInstanceOf(FulfilSubOrders.Outcome.Refused.class))
            .verifyComplete();
        StepVerifier.create(fulfil.accept(ALPINE, ALPINE_PART))
            .assertNext(outcome -> assertThat(outcome).isInstanceOf(FulfilSubOrders.Outcome.Refused.class))
            .verifyComplete();
        assertThat(orders.outbox).isEmpty();
    }

    @Test
    void aRefundThatFailedGivesEachVendorBackWhatItHadAccepted() {
        orders.with(PENDING.pay(NOW).to().accept(NORDIC_PART, NOW).to());

        orders.withdrawFromVendors(PENDING.id()).then(orders.returnToVendors(PENDING.id())).block();

        Order returned = orders.stored(PENDING.id());
        assertThat(returned.subOrder(NORDIC_PART).status()).isEqualTo(SubOrderStatus.ACCEPTED);
        assertThat(returned.subOrder(ALPINE_PART).status()).isEqualTo(SubOrderStatus.PENDING);
    }

    private static PaymentRecord succeeded() {
        return PaymentRecord.unknown(PAYMENT, PENDING.id())
            .apply(new PaymentEvent.PaymentSucceeded("evt_paid", PAYMENT, PENDING.id(), NOW.minusSeconds(5),
                    PENDING.totals().total(), "ch_1"))
            .orElseThrow();
    }

    /** The vendors' view of the orders in memory: each sees its own sub-orders. */
    private record VendorView(InMemoryOrders orders) implements VendorOrders {

        @Override
        public Mono<VendorSubOrder> find(VendorId vendor, UUID subOrderId) {
            return Mono.fromSupplier(() -> {
                Order order = orders.stored(PENDING.id());
                return order.subOrders()
                    .stream()
                    .filter(sub -> sub.id().equals(subOrderId) && sub.vendorId().equals(vendor))
                    .map(sub -> new VendorSubOrder(sub.id(), order.id(), vendor, sub.status(), order.status(),
                            sub.totals(), sub.commission(),
                            order.lines().stream().filter(line -> line.vendorId().equals(vendor)).toList(), null, null,
                            order.placedAt()))
                    .findFirst()
                    .orElse(null);
            });
        }

        @Override
        public Mono<List<VendorSubOrder>> page(VendorId vendor, SubOrderStatus status, UUID after, int limit) {
            return Mono.error(new UnsupportedOperationException("not needed here"));
        }

        @Override
        public Mono<List<dev.surge.checkout.domain.Payout>> payouts(VendorId vendor, int limit) {
            return Mono.error(new UnsupportedOperationException("not needed here"));
        }

    }

}
