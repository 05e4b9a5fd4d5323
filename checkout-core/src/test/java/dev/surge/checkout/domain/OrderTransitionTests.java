package dev.surge.checkout.domain;

import static dev.surge.checkout.domain.CartFixtures.ALPINE;
import static dev.surge.checkout.domain.CartFixtures.NORDIC;
import static dev.surge.checkout.domain.CartFixtures.line;
import static dev.surge.checkout.domain.CartFixtures.priced;
import static dev.surge.checkout.domain.OrderFixtures.ALPINE_ACCOUNT;
import static dev.surge.checkout.domain.OrderFixtures.NORDIC_ACCOUNT;
import static dev.surge.checkout.domain.OrderFixtures.PLACED_AT;
import static dev.surge.checkout.domain.OrderFixtures.place;
import static dev.surge.checkout.domain.OrderFixtures.terms;
import static dev.surge.checkout.domain.OrderFixtures.termsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTransitionTests {

    private static final Instant AT = PLACED_AT.plus(Duration.ofMinutes(2));

    /** Two vendors, both with connected accounts: paid out by separate transfers. */
    private static final Order TWO_VENDORS = place(priced(line("TEE-RED-M", 3), line("MUG-BLUE", 1)),
            termsOf(terms(NORDIC, 1500, NORDIC_ACCOUNT), terms(ALPINE, 1000, ALPINE_ACCOUNT)));

    /** One vendor with a connected account: paid by a destination charge. */
    private static final Order ONE_VENDOR = place(priced(line("TEE-RED-M", 1)),
            termsOf(terms(NORDIC, 1500, NORDIC_ACCOUNT)));

    private static final UUID NORDIC_PART = new UUID(0, 1);

    private static final UUID ALPINE_PART = new UUID(0, 2);

    @Test
    void placingIsPublishedAsTheOrdersStatusAndOneCreatedSubOrderPerVendor() {
        assertThat(TWO_VENDORS.placed().published())
            .extracting(OrderChange.Published::type, OrderChange.Published::vendor)
            .containsExactly(tuple("order.status", null), tuple("suborder.created", NORDIC),
                    tuple("suborder.created", ALPINE));
        assertThat(TWO_VENDORS.placed().published().getFirst().payload()).containsEntry("status", "PENDING_PAYMENT")
            .containsEntry("at", PLACED_AT.toString());
    }

    @Test
    void payingHandsEverySubOrderToItsVendorToAcceptAndMakesSeparateTransfersOwed() {
        OrderTransition paid = TWO_VENDORS.pay(AT);

        assertThat(paid.from()).isSameAs(TWO_VENDORS);
        assertThat(paid.to().status()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.to().version()).isEqualTo(TWO_VENDORS.version() + 1);
        assertThat(paid.to().subOrders()).extracting(SubOrder::status).containsOnly(SubOrderStatus.PENDING);
        assertThat(paid.to().awaitsVendor(NORDIC_PART)).isTrue();
        assertThat(paid.to().awaitsVendor(ALPINE_PART)).isTrue();
        assertThat(paid.transfersDue()).containsExactlyInAnyOrder(NORDIC_PART, ALPINE_PART);
        assertThat(paid.transfersCalledOff()).isEmpty();
        assertThat(paid.subOrderMoves()).isEmpty();
        assertThat(paid.changes()).containsExactly(new OrderChange.Paid(paid.to(), AT));
        assertThat(published(paid)).containsExactly("order.status PAID", "suborder.paid", "suborder.paid");
    }

    @Test
    void aDestinationChargePaysItsVendorWithThePaymentSoNoTransferIsOwed() {
        OrderTransition paid = ONE_VENDOR.pay(AT);

        assertThat(ONE_VENDOR.split()).isInstanceOf(PaymentSplit.DestinationCharge.class);
        assertThat(paid.transfersDue()).isEmpty();
        assertThat(paid.to().subOrders()).extracting(SubOrder::status).containsExactly(SubOrderStatus.PENDING);
    }

    @Test
    void aShareOfAVendorWithoutAnAccountYetIsOwedAllTheSame() {
        Order placed = place(priced(line("TEE-RED-M", 1)), termsOf(terms(NORDIC, 1500, null)));

        OrderTransition paid = placed.pay(AT);

        assertThat(placed.split()).isInstanceOf(PaymentSplit.SeparateTransfers.class);
        assertThat(paid.transfersDue()).containsExactly(placed.subOrders().getFirst().id());
    }

    @Test
    void aVendorAcceptsItsPaidSubOrderAndOnlyItsVendorIsTold() {
        Order paid = TWO_VENDORS.pay(AT).to();

        OrderTransition accepted = paid.accept(NORDIC_PART, AT.plusSeconds(30));

        assertThat(accepted.to().status()).isEqualTo(OrderStatus.PAID);
        assertThat(accepted.to().version()).isEqualTo(paid.version() + 1);
        assertThat(accepted.subOrderMoves()).containsExactly(
                new OrderTransition.SubOrderMove(NORDIC_PART, SubOrderStatus.PENDING, SubOrderStatus.ACCEPTED));
        assertThat(accepted.to().awaitsVendor(NORDIC_PART)).isFalse();
        assertThat(accepted.to().shippable(NORDIC_PART)).isTrue();
        assertThat(accepted.transfersDue()).isEmpty();
        assertThat(accepted.changes().getFirst().published()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("suborder.accepted");
            assertThat(event.vendor()).isEqualTo(NORDIC);
            assertThat(event.payload()).containsEntry("subOrderId", NORDIC_PART.toString());
        });
    }

    @Test
    void onlyAPaidSubOrderNotYetTakenOnCanBeAccepted() {
        Order paid = TWO_VENDORS.pay(AT).to();
        Order accepted = paid.accept(NORDIC_PART, AT).to();

        assertThat(TWO_VENDORS.awaitsVendor(NORDIC_PART)).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> TWO_VENDORS.accept(NORDIC_PART, AT));
        assertThatIllegalStateException().isThrownBy(() -> accepted.accept(NORDIC_PART, AT));
        Order shipped = paid.ship(NORDIC_PART, "DHL", "JD0001", AT).to();
        assertThatIllegalStateException().isThrownBy(() -> shipped.accept(NORDIC_PART, AT));
        Order cancelled = TWO_VENDORS.cancel(AT).to();
        assertThat(cancelled.shippable(NORDIC_PART)).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> cancelled.accept(NORDIC_PART, AT));
    }

    @Test
    void shippingASubOrderNotYetAcceptedAcceptsItOnTheWay() {
        Order paid = TWO_VENDORS.pay(AT).to();

        OrderTransition shipped = paid.ship(NORDIC_PART, "DHL", "JD0001", AT);

        assertThat(shipped.subOrderMoves()).containsExactly(
                new OrderTransition.SubOrderMove(NORDIC_PART, SubOrderStatus.PENDING, SubOrderStatus.SHIPPED));
        assertThat(published(shipped)).containsExactly("suborder.accepted", "suborder.shipped");
    }

    @Test
    void cancellingAPendingOrderCancelsEverySubOrder() {
        OrderTransition cancelled = TWO_VENDORS.cancel(AT);

        assertThat(cancelled.to().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.to().subOrders()).extracting(SubOrder::status).containsOnly(SubOrderStatus.CANCELLED);
        assertThat(cancelled.transfersCalledOff()).containsExactlyInAnyOrder(NORDIC_PART, ALPINE_PART);
        assertThat(published(cancelled)).containsExactly("order.status CANCELLED", "suborder.cancelled",
                "suborder.cancelled");
    }

    @Test
    void refundingCancelsWhatWasNotShippedAndTellsOnlyThoseVendors() {
        Order paid = TWO_VENDORS.pay(AT).to();
        Order oneShipped = paid.ship(NORDIC_PART, "DHL", "JD0001", AT).to();

        OrderTransition refunded = oneShipped.refund(AT.plusSeconds(60));

        assertThat(refunded.to().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(refunded.to().subOrder(NORDIC_PART).status()).isEqualTo(SubOrderStatus.SHIPPED);
        assertThat(refunded.to().subOrder(ALPINE_PART).status()).isEqualTo(SubOrderStatus.CANCELLED);
        assertThat(refunded.transfersCalledOff()).containsExactly(ALPINE_PART);
        assertThat(refunded.changes().getFirst().published()).extracting(OrderChange.Published::vendor)
            .containsExactly(null, ALPINE);
    }

    @Test
    void refundingOwesBackEveryShareAlreadyTransferredShippedOrNot() {
        Order paid = TWO_VENDORS.pay(AT).to();
        Order nordicTransferred = new Order(paid.id(), paid.customer(), paid.orderTokenHash(), paid.email(),
                paid.shippingAddress(), paid.country(), paid.status(), paid.totals(), paid.lines(),
                paid.subOrders()
                    .stream()
                    .map(sub -> sub.id().equals(NORDIC_PART) ? new SubOrder(sub.id(), sub.vendorId(), sub.totals(),
                            sub.commissionRate(), sub.commission(), sub.account(), sub.status(), "tr_nordic") : sub)
                    .toList(),
                paid.reservation(), paid.reservationExpiresAt(), paid.payment(), paid.placedAt(), paid.version());
        Order shipped = nordicTransferred.ship(NORDIC_PART, "DHL", "JD0001", AT).to();

        OrderTransition refunded = shipped.refund(AT.plusSeconds(60));

        assertThat(refunded.reversalsDue()).containsExactly(NORDIC_PART);
        assertThat(refunded.transfersCalledOff()).containsExactly(ALPINE_PART);
        assertThat(TWO_VENDORS.pay(AT).to().refund(AT).reversalsDue()).isEmpty();
    }

    @Test
    void refundingCancelsAcceptedSubOrdersAsWellAsThoseStillAwaitingTheirVendor() {
        Order oneAccepted = TWO_VENDORS.pay(AT).to().accept(NORDIC_PART, AT).to();

        OrderTransition refunded = oneAccepted.refund(AT.plusSeconds(60));

        assertThat(refunded.to().subOrders()).extracting(SubOrder::status).containsOnly(SubOrderStatus.CANCELLED);
        assertThat(refunded.transfersCalledOff()).containsExactlyInAnyOrder(NORDIC_PART, ALPINE_PART);
    }

    @Test
    void shippingOneSubOrderTellsItsVendorAndTheLastOneFulfilsTheOrder() {
        Order paid = TWO_VENDORS.pay(AT).to();

        OrderTransition first = paid.accept(NORDIC_PART, AT).to().ship(NORDIC_PART, "DHL", "JD0001", AT);
        assertThat(first.to().status()).isEqualTo(OrderStatus.PAID);
        assertThat(first.changes()).singleElement().isInstanceOf(OrderChange.SubOrderShipped.class);
        assertThat(first.changes().getFirst().published()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("suborder.shipped");
            assertThat(event.vendor()).isEqualTo(NORDIC);
            assertThat(event.payload()).containsEntry("subOrderId", NORDIC_PART.toString())
                .containsEntry("carrier", "DHL")
                .containsEntry("trackingNumber", "JD0001");
        });

        OrderTransition last = first.to().accept(ALPINE_PART, AT).to().ship(ALPINE_PART, "UPS", "1Z999", AT);
        assertThat(last.to().status()).isEqualTo(OrderStatus.FULFILLED);
        assertThat(published(last)).containsExactly("suborder.shipped", "order.status FULFILLED");
    }

    @Test
    void onlyTheStateMachinesMovesExist() {
        Order cancelled = TWO_VENDORS.cancel(AT).to();

        assertThatExceptionOfType(IllegalOrderTransition.class).isThrownBy(() -> cancelled.pay(AT));
        assertThatExceptionOfType(IllegalOrderTransition.class).isThrownBy(() -> TWO_VENDORS.refund(AT));
        assertThatExceptionOfType(IllegalOrderTransition.class).isThrownBy(() -> TWO_VENDORS.pay(AT).to().cancel(AT));
        assertThatIllegalStateException().isThrownBy(() -> TWO_VENDORS.ship(NORDIC_PART, "DHL", "JD0001", AT));
    }

    /** Each published event as its type, and an order's status after it. */
    private static List<String> published(OrderTransition transition) {
        return transition.changes()
            .stream()
            .flatMap(change -> change.published().stream())
            .map(event -> event.type().equals("order.status")
                    ? event.type() + " " + ((Map<?, ?>) event.payload()).get("status") : event.type())
            .toList();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

}
