package dev.surge.checkout.domain;

import static dev.surge.checkout.domain.CartFixtures.CUSTOMER;
import static dev.surge.checkout.domain.CartFixtures.GERMANY;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/**
 * Random carts to price: 1 to 20 lines of 1 to 999 units at 0 to 10^7 minor units, from 1
 * to 4 vendors, tax rates of 0 to 25 % per tax class (some classes untaxed), flat
 * shipping fees (some vendors shipping for free, some vendors with a fee but no line), in
 * a currency with 0, 2 or 3 decimals. Plus an independent reckoning of what pricing them
 * must come to.
 */
public final class PricingCases {

    /** Vendors in a fixed order, so that a shrunk counterexample reads the same twice. */
    public static final List<VendorId> VENDORS = List.of(VendorId.of("00000000-0000-0000-0000-0000000000b1"),
            VendorId.of("00000000-0000-0000-0000-0000000000b2"), VendorId.of("00000000-0000-0000-0000-0000000000b3"),
            VendorId.of("00000000-0000-0000-0000-0000000000b4"));

    public static final int MAX_LINES = 20;

    private PricingCases() {
    }

    public static Arbitrary<PricingCase> pricingCases() {
        Arbitrary<Currency> currencies = Arbitraries.of("JPY", "EUR", "KWD").map(Currency::getInstance);
        Arbitrary<Integer> vendorCounts = Arbitraries.integers().between(1, VENDORS.size());
        Arbitrary<List<LineSpec>> lines = Combinators
            .combine(Arbitraries.integers().between(1, CartLine.MAX_QUANTITY),
                    Arbitraries.longs().between(0, 10_000_000), Arbitraries.integers().between(0, VENDORS.size() - 1),
                    Arbitraries.of(TaxClass.class))
            .as(LineSpec::new)
            .list()
            .ofMinSize(1)
            .ofMaxSize(MAX_LINES)
            .withSizeDistribution(RandomDistribution.uniform());
        Arbitrary<List<Integer>> taxRates = Arbitraries.integers()
            .between(0, 2_500)
            .injectNull(0.2)
            .list()
            .ofSize(TaxClass.values().length);
        Arbitrary<List<Long>> shippingFees = Arbitraries.longs()
            .between(0, 1_000_000)
            .injectNull(0.25)
            .list()
            .ofSize(VENDORS.size());
        Arbitrary<Boolean> guest = Arbitraries.of(true, false);
        return Combinators.combine(currencies, vendorCounts, lines, taxRates, shippingFees, guest)
            .as(PricingCases::pricingCase);
    }

    private static PricingCase pricingCase(Currency currency, int vendorCount, List<LineSpec> specs,
            List<Integer> taxRates, List<Long> shippingFees, boolean guest) {
        List<CartLine> lines = new ArrayList<>();
        Map<Sku, Offer> offers = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            LineSpec spec = specs.get(i);
            Sku sku = Sku.of("SKU-%02d".formatted(i));
            lines.add(new CartLine(sku, spec.quantity()));
            offers.put(sku, new Offer(sku, new ProductId(new UUID(1, i)), VENDORS.get(spec.vendor() % vendorCount),
                    "Product " + i, spec.taxClass(), Money.of(spec.unitPrice(), currency)));
        }
        Map<TaxClass, BasisPoints> rates = new LinkedHashMap<>();
        for (TaxClass taxClass : TaxClass.values()) {
            Integer rate = taxRates.get(taxClass.ordinal());
            if (rate != null) {
                rates.put(taxClass, BasisPoints.of(rate));
            }
        }
        Map<VendorId, Money> fees = new LinkedHashMap<>();
        for (int i = 0; i < VENDORS.size(); i++) {
            Long fee = shippingFees.get(i);
            if (fee != null) {
                fees.put(VENDORS.get(i), Money.of(fee, currency));
            }
        }
        Cart cart = new Cart(new CartId(new UUID(2, 0)), currency, GERMANY, guest ? null : CUSTOMER, lines);
        return new PricingCase(cart, offers, new PricingRules(currency, GERMANY, rates, fees));
    }

    /** {@code amount x basisPoints / 10 000} rounded half up, reckoned in decimals. */
    public static long halfUp(long amount, int basisPoints) {
        return BigDecimal.valueOf(amount)
            .multiply(BigDecimal.valueOf(basisPoints))
            .divide(BigDecimal.valueOf(BasisPoints.WHOLE), 0, RoundingMode.HALF_UP)
            .longValueExact();
    }

    /** One line of a generated cart; its vendor is taken modulo the vendor count. */
    record LineSpec(int quantity, long unitPrice, int vendor, TaxClass taxClass) {
    }

    /**
     * A cart, the offers for its SKUs and the rules to price it by, with the amounts
     * pricing must come to, reckoned here from scratch in plain {@code long}s.
     */
    public record PricingCase(Cart cart, Map<Sku, Offer> offers, PricingRules rules) {

        public PricedCart price() {
            return PricedCart.price(cart, offers, rules);
        }

        public Currency currency() {
            return cart.currency();
        }

        public long lineTotal(CartLine line) {
            return Math.multiplyExact(offers.get(line.sku()).unitPrice().minor(), (long) line.quantity());
        }

        public int taxRate(CartLine line) {
            BasisPoints rate = rules.taxRates().get(offers.get(line.sku()).taxClass());
            return rate == null ? 0 : rate.value();
        }

        public long tax(CartLine line) {
            return halfUp(lineTotal(line), taxRate(line));
        }

        public VendorId vendor(CartLine line) {
            return offers.get(line.sku()).vendorId();
        }

        /** The vendors with at least one line, in the order of their first line. */
        public SequencedSet<VendorId> vendors() {
            SequencedSet<VendorId> vendors = new LinkedHashSet<>();
            cart.lines().forEach(line -> vendors.add(vendor(line)));
            return vendors;
        }

        public long shippingFee(VendorId vendor) {
            Money fee = rules.shippingFees().get(vendor);
            return fee == null ? 0 : fee.minor();
        }

        /** Subtotal, tax and shipping of {@code vendor}'s lines, in minor units. */
        public long[] expectedShare(VendorId vendor) {
            long subtotal = 0;
            long tax = 0;
            for (CartLine line : cart.lines()) {
                if (vendor(line).equals(vendor)) {
                    subtotal += lineTotal(line);
                    tax += tax(line);
                }
            }
            return new long[] { subtotal, tax, shippingFee(vendor) };
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(currency().getCurrencyCode()).append(" cart");
            for (CartLine line : cart.lines()) {
                Offer offer = offers.get(line.sku());
                text.append("\n  ")
                    .append(line.quantity())
                    .append(" x ")
                    .append(offer.unitPrice().minor())
                    .append(' ')
                    .append(offer.taxClass())
                    .append(" from vendor ")
                    .append(VENDORS.indexOf(offer.vendorId()));
            }
            return text.append("\n  tax rates ")
                .append(rules.taxRates())
                .append("\n  shipping ")
                .append(rules.shippingFees())
                .toString();
        }

    }

}
