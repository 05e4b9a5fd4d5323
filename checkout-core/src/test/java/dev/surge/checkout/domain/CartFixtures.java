package dev.surge.checkout.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Carts, offers and vendors for the cart, pricing and order tests: EUR carts shipped to
 * Germany, SKUs named as given.
 */
public final class CartFixtures {

    public static final Currency EUR = Currency.getInstance("EUR");

    public static final CountryCode GERMANY = CountryCode.of("DE");

    public static final CartId CART = new CartId(UUID.fromString("6f1d0c3a-2b4e-4f5a-9c8d-7e6f5a4b3c2d"));

    public static final CustomerId CUSTOMER = new CustomerId("customer-1");

    public static final CustomerId OTHER_CUSTOMER = new CustomerId("customer-2");

    public static final VendorId NORDIC = VendorId.of("00000000-0000-0000-0000-0000000000a1");

    public static final VendorId ALPINE = VendorId.of("00000000-0000-0000-0000-0000000000a2");

    /** German VAT: 19 % standard, 7 % reduced; Nordic ships for 4.95, Alpine for free. */
    public static final PricingRules GERMAN_RULES = new PricingRules(EUR, GERMANY,
            Map.of(TaxClass.STANDARD, BasisPoints.of(1900), TaxClass.REDUCED, BasisPoints.of(700)),
            Map.of(NORDIC, eur(495)));

    /**
     * A T-shirt (19.99) and a book (7.50) from Nordic, a mug (12.50) and a gift card
     * (25.00, untaxed) from Alpine.
     */
    public static final Map<Sku, Offer> OFFERS = Map.of(sku("TEE-RED-M"),
            offer("TEE-RED-M", NORDIC, TaxClass.STANDARD, eur(1999)), sku("MUG-BLUE"),
            offer("MUG-BLUE", ALPINE, TaxClass.REDUCED, eur(1250)), sku("BOOK-1"),
            offer("BOOK-1", NORDIC, TaxClass.REDUCED, eur(750)), sku("GIFT-CARD"),
            offer("GIFT-CARD", ALPINE, TaxClass.ZERO, eur(2500)));

    private CartFixtures() {
    }

    public static Sku sku(String value) {
        return Sku.of(value);
    }

    public static CartLine line(String sku, int quantity) {
        return new CartLine(sku(sku), quantity);
    }

    public static Cart emptyCart() {
        return Cart.empty(CART, EUR, GERMANY, CUSTOMER);
    }

    public static Cart cartWith(CartLine... lines) {
        return new Cart(CART, EUR, GERMANY, CUSTOMER, List.of(lines));
    }

    public static Cart guestCartWith(CartLine... lines) {
        return new Cart(new CartId(UUID.fromString("1a2b3c4d-0000-4000-8000-000000000001")), EUR, GERMANY, null,
                List.of(lines));
    }

    /** {@code count} lines {@code <prefix>-000, <prefix>-001, ...}, one unit each. */
    public static List<CartLine> lines(String prefix, int count) {
        List<CartLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(line("%s-%03d".formatted(prefix, i), 1));
        }
        return lines;
    }

    public static Cart cartWithLines(String prefix, int count) {
        return new Cart(CART, EUR, GERMANY, CUSTOMER, lines(prefix, count));
    }

    public static Money eur(long minor) {
        return Money.of(minor, EUR);
    }

    public static Offer offer(String sku, VendorId vendor, TaxClass taxClass, Money unitPrice) {
        return new Offer(sku(sku), new ProductId(UUID.nameUUIDFromBytes(sku.getBytes(StandardCharsets.UTF_8))), vendor,
                "Product " + sku, taxClass, unitPrice);
    }

    /** The customer's cart with these lines, priced from {@link #OFFERS} in Germany. */
    public static PricedCart priced(CartLine... lines) {
        return PricedCart.price(cartWith(lines), OFFERS, GERMAN_RULES);
    }

    /** The cart a change produced; fails when the change was rejected. */
    public static Cart changed(CartChange change) {
        assertThat(change).isInstanceOf(CartChange.Changed.class);
        return ((CartChange.Changed) change).cart();
    }

    /** Ids {@code 00000000-0000-0000-0000-000000000001}, {@code ...02} and so on. */
    public static Supplier<UUID> sequentialIds() {
        long[] next = { 0 };
        return () -> new UUID(0, ++next[0]);
    }

}
