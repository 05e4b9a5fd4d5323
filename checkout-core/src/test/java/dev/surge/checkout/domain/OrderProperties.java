package dev.surge.checkout.domain;

import static dev.surge.checkout.domain.OrderFixtures.TOKEN;
import static dev.surge.checkout.domain.PricingCases.VENDORS;
import static dev.surge.checkout.domain.PricingCases.halfUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.surge.checkout.domain.PricingCases.PricingCase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class OrderProperties {

    @Property
    void placesEveryCartThatIsForSale(@ForAll("orderCases") OrderCase orderCase) {
        assertThatCode(orderCase::place).doesNotThrowAnyException();
    }

    @Property
    void splitsIntoSubOrdersThatAddUpExactlyToTheOrder(@ForAll("orderCases") OrderCase orderCase) {
        PricedCart cart = orderCase.pricing().price();

        Order order = orderCase.place();

        assertThat(order.totals()).isEqualTo(cart.totals());
        assertThat(order.subOrders()).extracting(SubOrder::vendorId)
            .containsExactlyElementsOf(cart.vendors().stream().map(VendorShare::vendorId).toList());
        assertThat(order.subOrders()).extracting(SubOrder::totals)
            .containsExactlyElementsOf(cart.vendors().stream().map(VendorShare::totals).toList());
        assertThat(order.subOrders()).extracting(SubOrder::id).doesNotHaveDuplicates();
        assertThat(sum(order.subOrders(), subOrder -> subOrder.totals().subtotal()))
            .isEqualTo(order.totals().subtotal().minor());
        assertThat(sum(order.subOrders(), subOrder -> subOrder.totals().tax())).isEqualTo(order.totals().tax().minor());
        assertThat(sum(order.subOrders(), subOrder -> subOrder.totals().shipping()))
            .isEqualTo(order.totals().shipping().minor());
        assertThat(sum(order.subOrders(), subOrder -> subOrder.totals().total()))
            .isEqualTo(order.totals().total().minor());
    }

    @Property
    void chargesEachLineItsCommissionAndEachSubOrderTheSumOfItsLines(@ForAll("orderCases") OrderCase orderCase) {
        Order order = orderCase.place();

        for (SubOrder subOrder : order.subOrders()) {
            VendorTerms terms = orderCase.terms().get(subOrder.vendorId());
            List<PricedLine> lines = order.lines()
                .stream()
                .filter(line -> line.vendorId().equals(subOrder.vendorId()))
                .toList();

            assertThat(subOrder.lineCommissions()).extracting(LineCommission::sku)
                .containsExactlyElementsOf(lines.stream().map(PricedLine::sku).toList());
            for (int i = 0; i < lines.size(); i++) {
                Money line = lines.get(i).lineTotal();
                Money commission = subOrder.lineCommissions().get(i).amount();
                assertThat(commission.minor()).isEqualTo(halfUp(line.minor(), terms.commissionRate().value()))
                    .isBetween(0L, line.minor());
            }
            assertThat(subOrder.commission().minor())
                .isEqualTo(sum(subOrder.lineCommissions(), LineCommission::amount));
            assertThat(subOrder.account()).isEqualTo(terms.account());
            assertThat(subOrder.commission()).isLessThanOrEqualTo(subOrder.totals().subtotal());
            assertThat(subOrder.vendorShare().plus(subOrder.commission())).isEqualTo(subOrder.totals().total());
        }
        assertThat(order.commission().minor()).isEqualTo(sum(order.subOrders(), SubOrder::commission));
    }

    @Property
    void chargesTheVendorDirectlyOnlyWhenItIsTheOnlyOneAndHasAnAccount(@ForAll("orderCases") OrderCase orderCase) {
        Order order = orderCase.place();
        List<SubOrder> subOrders = order.subOrders();

        PaymentSplit split = order.split();

        if (subOrders.size() == 1 && subOrders.getFirst().account() != null) {
            assertThat(split).isEqualTo(new PaymentSplit.DestinationCharge(subOrders.getFirst().account(),
                    subOrders.getFirst().commission()));
            assertThat(order.commission()).isEqualTo(subOrders.getFirst().commission());
        }
        else {
            assertThat(split).isEqualTo(new PaymentSplit.SeparateTransfers());
        }
        Statistics.collect(split.getClass().getSimpleName());
    }

    @Property
    void opensForItsCustomerOrItsTokenOnly(@ForAll("orderCases") OrderCase orderCase) {
        Order order = orderCase.place();

        assertThat(order.customer()).isEqualTo(orderCase.pricing().cart().owner());
        assertThat(order.opensFor(null, TOKEN.value())).isTrue();
        assertThat(order.opensFor(null, null)).isFalse();
        assertThat(order.opensFor(CartFixtures.OTHER_CUSTOMER, null)).isFalse();
        assertThat(order.opensFor(CartFixtures.CUSTOMER, null)).isEqualTo(order.customer() != null);
    }

    @Provide
    Arbitrary<OrderCase> orderCases() {
        Arbitrary<List<Integer>> rates = Arbitraries.integers()
            .between(0, BasisPoints.WHOLE)
            .list()
            .ofSize(VENDORS.size());
        Arbitrary<List<Boolean>> accounts = Arbitraries.of(true, false).list().ofSize(VENDORS.size());
        return Combinators.combine(PricingCases.pricingCases(), rates, accounts).as(OrderCase::of);
    }

    private static <T> long sum(List<T> items, java.util.function.Function<T, Money> amount) {
        return items.stream().mapToLong(item -> amount.apply(item).minor()).sum();
    }

    /** A cart to order and the terms of every vendor it may hold. */
    record OrderCase(PricingCase pricing, Map<VendorId, VendorTerms> terms) {

        static OrderCase of(PricingCase pricing, List<Integer> rates, List<Boolean> accounts) {
            Map<VendorId, VendorTerms> terms = new LinkedHashMap<>();
            for (int i = 0; i < VENDORS.size(); i++) {
                ConnectedAccountId account = accounts.get(i) ? new ConnectedAccountId("acct_vendor" + i) : null;
                terms.put(VENDORS.get(i), new VendorTerms(VENDORS.get(i), BasisPoints.of(rates.get(i)), account));
            }
            return new OrderCase(pricing, terms);
        }

        Order place() {
            return OrderFixtures.place(pricing.price(), terms);
        }

    }

}
