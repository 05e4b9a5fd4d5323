package dev.surge.checkout.domain;

import static dev.surge.checkout.domain.PricingCases.halfUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.surge.checkout.domain.PricingCases.PricingCase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class PricingProperties {

    @Property
    void totalIsSubtotalPlusTaxPlusShipping(@ForAll("pricingCases") PricingCase pricing) {
        PricedCart priced = pricing.price();

        assertAddsUp(priced.totals());
        priced.vendors().forEach(share -> assertAddsUp(share.totals()));
        Statistics.label("currency").collect(pricing.currency().getCurrencyCode());
        Statistics.label("vendors with lines").collect(pricing.vendors().size());
        Statistics.label("lines").collect(pricing.cart().lines().size() / 5 * 5 + "+");
    }

    @Property
    void vendorSharesAddUpExactlyToTheCartTotals(@ForAll("pricingCases") PricingCase pricing) {
        PricedCart priced = pricing.price();

        assertThat(priced.vendors()).extracting(VendorShare::vendorId).containsExactlyElementsOf(pricing.vendors());
        assertThat(sum(priced.vendors(), Totals::subtotal)).isEqualTo(priced.totals().subtotal().minor());
        assertThat(sum(priced.vendors(), Totals::tax)).isEqualTo(priced.totals().tax().minor());
        assertThat(sum(priced.vendors(), Totals::shipping)).isEqualTo(priced.totals().shipping().minor());
        assertThat(sum(priced.vendors(), Totals::total)).isEqualTo(priced.totals().total().minor());
        for (VendorShare share : priced.vendors()) {
            long[] expected = pricing.expectedShare(share.vendorId());
            assertThat(share.totals().subtotal().minor()).as("subtotal of %s", share.vendorId()).isEqualTo(expected[0]);
            assertThat(share.totals().tax().minor()).as("tax of %s", share.vendorId()).isEqualTo(expected[1]);
            assertThat(share.totals().shipping().minor()).as("shipping of %s", share.vendorId()).isEqualTo(expected[2]);
        }
    }

    @Property
    void taxesEachLineHalfUpAndSumsNetPricesExactly(@ForAll("pricingCases") PricingCase pricing) {
        PricedCart priced = pricing.price();

        assertThat(priced.lines()).hasSameSizeAs(pricing.cart().lines());
        long subtotal = 0;
        long tax = 0;
        for (int i = 0; i < priced.lines().size(); i++) {
            CartLine line = pricing.cart().lines().get(i);
            PricedLine pricedLine = priced.lines().get(i);
            Offer offer = pricing.offers().get(line.sku());

            assertThat(pricedLine.sku()).isEqualTo(line.sku());
            assertThat(pricedLine.quantity()).isEqualTo(line.quantity());
            assertThat(pricedLine.unitPrice()).isEqualTo(offer.unitPrice());
            assertThat(pricedLine.productId()).isEqualTo(offer.productId());
            assertThat(pricedLine.vendorId()).isEqualTo(offer.vendorId());
            assertThat(pricedLine.name()).isEqualTo(offer.name());
            assertThat(pricedLine.lineTotal().minor()).as("line total of %s", line.sku())
                .isEqualTo(offer.unitPrice().minor() * line.quantity());
            assertThat(pricedLine.tax().minor()).as("tax of %s", line.sku())
                .isEqualTo(halfUp(pricedLine.lineTotal().minor(), pricing.taxRate(line)));
            subtotal += offer.unitPrice().minor() * line.quantity();
            tax += pricedLine.tax().minor();
        }
        assertThat(priced.totals().subtotal().minor()).isEqualTo(subtotal);
        assertThat(priced.totals().tax().minor()).isEqualTo(tax);
    }

    @Property
    void losesOrInventsNoMinorUnit(@ForAll("pricingCases") PricingCase pricing) {
        PricedCart priced = pricing.price();

        long expected = 0;
        for (CartLine line : pricing.cart().lines()) {
            expected += pricing.lineTotal(line) + pricing.tax(line);
        }
        for (VendorId vendor : pricing.vendors()) {
            expected += pricing.shippingFee(vendor);
        }
        long fromLines = priced.lines().stream().mapToLong(line -> line.lineTotal().minor() + line.tax().minor()).sum();

        assertThat(priced.totals().total().minor()).isEqualTo(expected);
        assertThat(fromLines + priced.totals().shipping().minor()).isEqualTo(expected);
    }

    @Property
    void chargesShippingOncePerVendorWithLinesOnly(@ForAll("pricingCases") PricingCase pricing) {
        PricedCart priced = pricing.price();

        long shipping = pricing.vendors().stream().mapToLong(pricing::shippingFee).sum();
        assertThat(priced.totals().shipping().minor()).isEqualTo(shipping);
        assertThat(priced.vendors()).allSatisfy(share -> assertThat(share.totals().shipping().minor())
            .isEqualTo(pricing.shippingFee(share.vendorId())));
    }

    @Property
    void pricesInTheCartsCurrencyOnly(@ForAll("pricingCases") PricingCase pricing) {
        PricedCart priced = pricing.price();
        Currency currency = pricing.currency();

        List<Money> amounts = new ArrayList<>(totalsOf(priced.totals()));
        priced.vendors().forEach(share -> amounts.addAll(totalsOf(share.totals())));
        priced.lines().forEach(line -> amounts.addAll(List.of(line.unitPrice(), line.lineTotal(), line.tax())));

        assertThat(amounts).allSatisfy(amount -> assertThat(amount.currency()).isEqualTo(currency));
        assertThat(priced.cart()).isEqualTo(pricing.cart());
        assertThat(priced.unavailable()).isEmpty();
        assertThat(priced.isCheckoutReady()).isTrue();
    }

    @Property
    void leavesSkusWithoutAnOfferOutAndReportsThem(@ForAll("pricingCases") PricingCase pricing,
            @ForAll("availabilities") List<Availability> availabilities) {
        Map<Sku, Offer> offers = new LinkedHashMap<>();
        List<Sku> unavailable = new ArrayList<>();
        List<CartLine> available = new ArrayList<>();
        List<CartLine> lines = pricing.cart().lines();
        for (int i = 0; i < lines.size(); i++) {
            CartLine line = lines.get(i);
            Offer offer = pricing.offers().get(line.sku());
            switch (availabilities.get(i)) {
                case OFFERED -> {
                    offers.put(line.sku(), offer);
                    available.add(line);
                }
                case WITHDRAWN -> unavailable.add(line.sku());
                case IN_ANOTHER_CURRENCY -> {
                    offers.put(line.sku(), new Offer(offer.sku(), offer.productId(), offer.vendorId(), offer.name(),
                            offer.taxClass(), Money.of(offer.unitPrice().minor(), otherCurrencyThan(pricing))));
                    unavailable.add(line.sku());
                }
            }
        }
        Cart availableOnly = new Cart(pricing.cart().id(), pricing.currency(), pricing.cart().country(),
                pricing.cart().owner(), available);

        PricedCart priced = PricedCart.price(pricing.cart(), offers, pricing.rules());
        PricedCart pricedAvailableOnly = PricedCart.price(availableOnly, pricing.offers(), pricing.rules());

        assertThat(priced.unavailable()).containsExactlyElementsOf(unavailable);
        assertThat(priced.lines()).extracting(PricedLine::sku)
            .containsExactlyElementsOf(available.stream().map(CartLine::sku).toList());
        assertThat(priced.lines()).isEqualTo(pricedAvailableOnly.lines());
        assertThat(priced.totals()).isEqualTo(pricedAvailableOnly.totals());
        assertThat(priced.vendors()).isEqualTo(pricedAvailableOnly.vendors());
        assertThat(priced.isCheckoutReady()).isEqualTo(unavailable.isEmpty());
        Statistics.collect(unavailable.isEmpty() ? "all for sale" : available.isEmpty() ? "none for sale" : "some");
    }

    @Provide
    Arbitrary<PricingCase> pricingCases() {
        return PricingCases.pricingCases();
    }

    @Provide
    Arbitrary<List<Availability>> availabilities() {
        return Arbitraries.of(Availability.class).list().ofSize(PricingCases.MAX_LINES);
    }

    private static void assertAddsUp(Totals totals) {
        assertThat(totals.total().minor())
            .isEqualTo(totals.subtotal().minor() + totals.tax().minor() + totals.shipping().minor());
    }

    private static long sum(List<VendorShare> shares, java.util.function.Function<Totals, Money> part) {
        return shares.stream().mapToLong(share -> part.apply(share.totals()).minor()).sum();
    }

    private static List<Money> totalsOf(Totals totals) {
        return List.of(totals.subtotal(), totals.tax(), totals.shipping(), totals.total());
    }

    private static Currency otherCurrencyThan(PricingCase pricing) {
        return Currency.getInstance(pricing.currency().getCurrencyCode().equals("EUR") ? "USD" : "EUR");
    }

    enum Availability {

        OFFERED, WITHDRAWN, IN_ANOTHER_CURRENCY

    }

}
