package dev.surge.checkout.domain;

import static dev.surge.checkout.domain.CartFixtures.ALPINE;
import static dev.surge.checkout.domain.CartFixtures.CART;
import static dev.surge.checkout.domain.CartFixtures.CUSTOMER;
import static dev.surge.checkout.domain.CartFixtures.EUR;
import static dev.surge.checkout.domain.CartFixtures.GERMANY;
import static dev.surge.checkout.domain.CartFixtures.GERMAN_RULES;
import static dev.surge.checkout.domain.CartFixtures.NORDIC;
import static dev.surge.checkout.domain.CartFixtures.OFFERS;
import static dev.surge.checkout.domain.CartFixtures.OTHER_CUSTOMER;
import static dev.surge.checkout.domain.CartFixtures.eur;
import static dev.surge.checkout.domain.CartFixtures.line;
import static dev.surge.checkout.domain.CartFixtures.priced;
import static dev.surge.checkout.domain.CartFixtures.sku;
import static dev.surge.checkout.domain.OrderFixtures.ALPINE_ACCOUNT;
import static dev.surge.checkout.domain.OrderFixtures.NORDIC_ACCOUNT;
import static dev.surge.checkout.domain.OrderFixtures.ORDER;
import static dev.surge.checkout.domain.OrderFixtures.PLACED_AT;
import static dev.surge.checkout.domain.OrderFixtures.RESERVED_UNTIL;
import static dev.surge.checkout.domain.OrderFixtures.TOKEN;
import static dev.surge.checkout.domain.OrderFixtures.place;
import static dev.surge.checkout.domain.OrderFixtures.terms;
import static dev.surge.checkout.domain.OrderFixtures.termsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTests {

    private static final Map<VendorId, VendorTerms> TERMS = termsOf(terms(NORDIC, 1500, NORDIC_ACCOUNT),
            terms(ALPINE, 1000, null));

    @Test
    void placesAnOrderPendingPaymentFromThePricedCart() {
        PricedCart cart = priced(line("TEE-RED-M", 3), line("MUG-BLUE", 2), line("BOOK-1", 1));

        Order order = place(cart, TERMS);

        assertThat(order.id()).isEqualTo(ORDER);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(order.customer()).isEqualTo(CUSTOMER);
        assertThat(order.country()).isEqualTo(GERMANY);
        assertThat(order.email()).isEqualTo("buyer@example.com");
        assertThat(order.totals()).isEqualTo(cart.totals());
        assertThat(order.lines()).isEqualTo(cart.lines());
        assertThat(order.placedAt()).isEqualTo(PLACED_AT);
        assertThat(order.reservationExpiresAt()).isEqualTo(RESERVED_UNTIL);
        assertThat(order.payment()).isNull();
        assertThat(order.version()).isZero();
    }

    @Test
    void placesOneSubOrderPerVendorWithTheVendorsCommission() {
        Order order = place(priced(line("TEE-RED-M", 3), line("MUG-BLUE", 2), line("BOOK-1", 1)), TERMS);

        // Each line at its vendor's rate, rounded half up: 15 % of 59.97 = 8.9955 and of
        // 7.50 = 1.125 make 10.13 (the rate on the subtotal would say 10.12); 10 % of
        // 25.00.
        assertThat(order.subOrders())
            .extracting(SubOrder::id, SubOrder::vendorId, SubOrder::totals, SubOrder::commission,
                    SubOrder::commissionRate, SubOrder::account)
            .containsExactly(
                    tuple(new UUID(0, 1), NORDIC, Totals.of(eur(6747), eur(1192), eur(495)), eur(1013),
                            BasisPoints.of(1501), NORDIC_ACCOUNT),
                    tuple(new UUID(0, 2), ALPINE, Totals.of(eur(2500), eur(175), eur(0)), eur(250),
                            BasisPoints.of(1000), null));
        assertThat(order.subOrders().getFirst().lineCommissions()).extracting(LineCommission::amount)
            .containsExactly(eur(900), eur(113));
        assertThat(order.subOrders()).extracting(SubOrder::vendorShare).containsExactly(eur(7421), eur(2425));
        assertThat(order.commission()).isEqualTo(eur(1263));
    }

    @Test
    void roundsTheCommissionHalfUpOnTheGoodsSubtotalOnly() {
        // 15 % of 7.50 = 1.125; tax (0.53) and shipping (4.95) bear no commission
        Order order = place(priced(line("BOOK-1", 1)), TERMS);

        assertThat(order.subOrders()).singleElement().satisfies(subOrder -> {
            assertThat(subOrder.totals().total()).isEqualTo(eur(750 + 53 + 495));
            assertThat(subOrder.commission()).isEqualTo(eur(113));
            assertThat(subOrder.vendorShare()).isEqualTo(eur(750 + 53 + 495 - 113));
        });
    }

    @Test
    void takesTheWholeSubtotalAtAFullCommissionRate() {
        Order order = place(priced(line("TEE-RED-M", 2)), termsOf(terms(NORDIC, 10_000, NORDIC_ACCOUNT)));

        assertThat(order.subOrders()).singleElement().satisfies(subOrder -> {
            assertThat(subOrder.commission()).isEqualTo(eur(3998));
            assertThat(subOrder.vendorShare()).isEqualTo(subOrder.totals().tax().plus(subOrder.totals().shipping()));
        });
    }

    @Test
    void chargesASingleVendorWithAnAccountDirectly() {
        Order order = place(priced(line("TEE-RED-M", 3), line("BOOK-1", 1)), TERMS);

        assertThat(order.split())
            .isEqualTo(new PaymentSplit.DestinationCharge(NORDIC_ACCOUNT, order.subOrders().getFirst().commission()));
        // 15 % of 59.97 and of 7.50, each rounded half up
        assertThat(order.split()).isEqualTo(new PaymentSplit.DestinationCharge(NORDIC_ACCOUNT, eur(1013)));
    }

    @Test
    void transfersSeparatelyToASingleVendorWithoutAnAccount() {
        Order order = place(priced(line("MUG-BLUE", 1)), TERMS);

        assertThat(order.split()).isEqualTo(new PaymentSplit.SeparateTransfers());
    }

    @Test
    void transfersSeparatelyToSeveralVendorsEvenWithAccounts() {
        Order order = place(priced(line("TEE-RED-M", 1), line("MUG-BLUE", 1)),
                termsOf(terms(NORDIC, 1500, NORDIC_ACCOUNT), terms(ALPINE, 1000, ALPINE_ACCOUNT)));

        assertThat(order.split()).isEqualTo(new PaymentSplit.SeparateTransfers());
    }

    @Test
    void opensForItsCustomerOrTheTokenHolderOnly() {
        Order order = place(priced(line("TEE-RED-M", 1)), TERMS);

        assertThat(order.opensFor(CUSTOMER, null)).isTrue();
        assertThat(order.opensFor(CUSTOMER, "wrong-token")).isTrue();
        assertThat(order.opensFor(null, TOKEN.value())).isTrue();
        assertThat(order.opensFor(OTHER_CUSTOMER, TOKEN.value())).isTrue();
        assertThat(order.opensFor(OTHER_CUSTOMER, null)).isFalse();
        assertThat(order.opensFor(OTHER_CUSTOMER, "wrong-token")).isFalse();
        assertThat(order.opensFor(null, null)).isFalse();
        assertThat(order.opensFor(null, TOKEN.hash())).as("the stored hash is no key").isFalse();
    }

    @Test
    void opensAGuestOrderByItsTokenOnly() {
        Cart guestCart = new Cart(CART, EUR, GERMANY, null, List.of(line("TEE-RED-M", 1)));
        Order order = place(PricedCart.price(guestCart, OFFERS, GERMAN_RULES), TERMS);

        assertThat(order.customer()).isNull();
        assertThat(order.opensFor(null, TOKEN.value())).isTrue();
        assertThat(order.opensFor(CUSTOMER, TOKEN.value())).isTrue();
        assertThat(order.opensFor(CUSTOMER, null)).isFalse();
        assertThat(order.opensFor(null, "wrong-token")).isFalse();
        assertThat(order.opensFor(null, "")).isFalse();
        assertThat(order.opensFor(null, null)).isFalse();
    }

    @Test
    void holdsStockForEachLineUnderTheOrdersId() {
        Order order = place(priced(line("TEE-RED-M", 3), line("MUG-BLUE", 2)), TERMS);

        assertThat(order.reservation()).isEqualTo(new ReservationId(ORDER.value()));
        assertThat(order.reservationLines()).containsExactly(new ReservationLine(sku("TEE-RED-M"), Quantity.of(3)),
                new ReservationLine(sku("MUG-BLUE"), Quantity.of(2)));
        assertThat(order.reservationOf().expiresAt()).isEqualTo(RESERVED_UNTIL);
    }

    @Test
    void refusesACartWithUnavailableLines() {
        PricedCart cart = priced(line("TEE-RED-M", 1), line("GONE-1", 1));

        assertThatIllegalArgumentException().isThrownBy(() -> place(cart, TERMS));
    }

    @Test
    void refusesAnEmptyCart() {
        assertThatIllegalArgumentException().isThrownBy(() -> place(priced(), TERMS));
    }

    @Test
    void refusesAVendorWithoutTerms() {
        PricedCart cart = priced(line("TEE-RED-M", 1), line("MUG-BLUE", 1));

        assertThatIllegalArgumentException().isThrownBy(() -> place(cart, termsOf(terms(NORDIC, 1500, NORDIC_ACCOUNT))))
            .withMessageContaining(ALPINE.toString());
    }

    @Test
    void refusesSubOrdersThatDoNotAddUpToTheOrder() {
        Order order = place(priced(line("TEE-RED-M", 1), line("MUG-BLUE", 1)), TERMS);

        assertThatIllegalArgumentException()
            .isThrownBy(() -> new Order(order.id(), order.customer(), order.orderTokenHash(), order.email(),
                    order.shippingAddress(), order.country(), order.status(), order.totals(), order.lines(),
                    order.subOrders().subList(0, 1), order.reservation(), order.reservationExpiresAt(), order.payment(),
                    order.placedAt(), order.version()))
            .withMessageContaining("add up");
    }

    @Test
    void refusesACommissionAboveTheSubOrdersTotal() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SubOrder(new UUID(0, 1), NORDIC,
                Totals.of(eur(100), eur(19), eur(5)), BasisPoints.of(1500), eur(125), null));
        assertThat(new SubOrder(new UUID(0, 1), NORDIC, Totals.of(eur(100), eur(19), eur(5)), BasisPoints.of(1500),
                eur(124), null)
            .vendorShare()).isEqualTo(eur(0));
    }

}
