package dev.surge.checkout.domain;

import static dev.surge.checkout.domain.CartFixtures.ALPINE;
import static dev.surge.checkout.domain.CartFixtures.CART;
import static dev.surge.checkout.domain.CartFixtures.CUSTOMER;
import static dev.surge.checkout.domain.CartFixtures.EUR;
import static dev.surge.checkout.domain.CartFixtures.GERMANY;
import static dev.surge.checkout.domain.CartFixtures.GERMAN_RULES;
import static dev.surge.checkout.domain.CartFixtures.NORDIC;
import static dev.surge.checkout.domain.CartFixtures.OFFERS;
import static dev.surge.checkout.domain.CartFixtures.cartWith;
import static dev.surge.checkout.domain.CartFixtures.emptyCart;
import static dev.surge.checkout.domain.CartFixtures.eur;
import static dev.surge.checkout.domain.CartFixtures.line;
import static dev.surge.checkout.domain.CartFixtures.offer;
import static dev.surge.checkout.domain.CartFixtures.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricedCartTests {

    @Test
    void pricesNetAndAddsTaxPerLineHalfUp() {
        Cart cart = cartWith(line("TEE-RED-M", 3), line("MUG-BLUE", 2), line("BOOK-1", 1));

        PricedCart priced = PricedCart.price(cart, OFFERS, GERMAN_RULES);

        assertThat(priced.lines()).extracting(PricedLine::sku, PricedLine::lineTotal, PricedLine::tax)
            .containsExactly(
                    // 59.97 x 19 % = 11.3943
                    tuple(sku("TEE-RED-M"), eur(5997), eur(1139)),
                    // 25.00 x 7 % = 1.75
                    tuple(sku("MUG-BLUE"), eur(2500), eur(175)),
                    // 7.50 x 7 % = 0.525, half up
                    tuple(sku("BOOK-1"), eur(750), eur(53)));
        assertThat(priced.vendors()).containsExactly(new VendorShare(NORDIC, Totals.of(eur(6747), eur(1192), eur(495))),
                new VendorShare(ALPINE, Totals.of(eur(2500), eur(175), eur(0))));
        assertThat(priced.totals()).isEqualTo(new Totals(eur(9247), eur(1367), eur(495), eur(11109)));
        assertThat(priced.unavailable()).isEmpty();
        assertThat(priced.isCheckoutReady()).isTrue();
    }

    @Test
    void leavesAnUntaxedClassUntaxed() {
        PricedCart priced = PricedCart.price(cartWith(line("GIFT-CARD", 2)), OFFERS, GERMAN_RULES);

        assertThat(priced.totals()).isEqualTo(Totals.of(eur(5000), eur(0), eur(0)));
    }

    @Test
    void roundsHalfUpInCurrenciesWithoutAndWithThreeDecimals() {
        Currency yen = Currency.getInstance("JPY");
        Currency dinar = Currency.getInstance("KWD");
        Cart yenCart = new Cart(CART, yen, GERMANY, CUSTOMER, List.of(line("TEE-RED-M", 1)));
        Cart dinarCart = new Cart(CART, dinar, GERMANY, CUSTOMER, List.of(line("TEE-RED-M", 1)));
        Map<TaxClass, BasisPoints> tenPercent = Map.of(TaxClass.STANDARD, BasisPoints.of(1000));

        PricedCart inYen = PricedCart.price(yenCart,
                Map.of(sku("TEE-RED-M"), offer("TEE-RED-M", NORDIC, TaxClass.STANDARD, Money.of(105, yen))),
                new PricingRules(yen, GERMANY, tenPercent, Map.of(NORDIC, Money.of(500, yen))));
        PricedCart inDinar = PricedCart.price(dinarCart,
                Map.of(sku("TEE-RED-M"), offer("TEE-RED-M", NORDIC, TaxClass.STANDARD, Money.of(1005, dinar))),
                new PricingRules(dinar, GERMANY, tenPercent, Map.of()));

        // 10.5 yen and 100.5 fils round up
        assertThat(inYen.totals()).isEqualTo(Totals.of(Money.of(105, yen), Money.of(11, yen), Money.of(500, yen)));
        assertThat(inDinar.totals())
            .isEqualTo(Totals.of(Money.of(1005, dinar), Money.of(101, dinar), Money.zero(dinar)));
    }

    @Test
    void reportsSkusWithoutAnOfferAsUnavailableAndLeavesThemOut() {
        Cart cart = cartWith(line("TEE-RED-M", 1), line("GONE-1", 4), line("MUG-BLUE", 1), line("GONE-2", 1));

        PricedCart priced = PricedCart.price(cart, OFFERS, GERMAN_RULES);

        assertThat(priced.unavailable()).containsExactly(sku("GONE-1"), sku("GONE-2"));
        assertThat(priced.lines()).extracting(PricedLine::sku).containsExactly(sku("TEE-RED-M"), sku("MUG-BLUE"));
        assertThat(priced.totals()).isEqualTo(
                PricedCart.price(cartWith(line("TEE-RED-M", 1), line("MUG-BLUE", 1)), OFFERS, GERMAN_RULES).totals());
        assertThat(priced.isCheckoutReady()).isFalse();
    }

    @Test
    void reportsAnOfferInAnotherCurrencyAsUnavailable() {
        Map<Sku, Offer> offers = Map.of(sku("TEE-RED-M"),
                offer("TEE-RED-M", NORDIC, TaxClass.STANDARD, Money.of(1999, "USD")));

        PricedCart priced = PricedCart.price(cartWith(line("TEE-RED-M", 1)), offers, GERMAN_RULES);

        assertThat(priced.unavailable()).containsExactly(sku("TEE-RED-M"));
        assertThat(priced.lines()).isEmpty();
        assertThat(priced.totals()).isEqualTo(Totals.zero(EUR));
    }

    @Test
    void chargesNoShippingForAVendorWhoseLinesAreAllUnavailable() {
        PricedCart priced = PricedCart.price(cartWith(line("TEE-RED-M", 1), line("MUG-BLUE", 1)),
                Map.of(sku("MUG-BLUE"), OFFERS.get(sku("MUG-BLUE"))), GERMAN_RULES);

        assertThat(priced.vendors()).extracting(VendorShare::vendorId).containsExactly(ALPINE);
        assertThat(priced.totals().shipping()).isEqualTo(eur(0));
    }

    @Test
    void chargesShippingOncePerVendor() {
        Cart cart = cartWith(line("TEE-RED-M", 5), line("BOOK-1", 2));

        PricedCart priced = PricedCart.price(cart, OFFERS, GERMAN_RULES);

        assertThat(priced.vendors()).singleElement()
            .satisfies(share -> assertThat(share.totals().shipping()).isEqualTo(eur(495)));
    }

    @Test
    void pricesAnEmptyCartAtZeroButNotForCheckout() {
        PricedCart priced = PricedCart.price(emptyCart(), OFFERS, GERMAN_RULES);

        assertThat(priced.totals()).isEqualTo(Totals.zero(EUR));
        assertThat(priced.vendors()).isEmpty();
        assertThat(priced.isCheckoutReady()).isFalse();
    }

    @Test
    void refusesRulesForAnotherCurrencyOrCountry() {
        Cart cart = cartWith(line("TEE-RED-M", 1));

        assertThatIllegalArgumentException().isThrownBy(() -> PricedCart.price(cart, OFFERS,
                new PricingRules(Currency.getInstance("USD"), GERMANY, Map.of(), Map.of())));
        assertThatIllegalArgumentException().isThrownBy(
                () -> PricedCart.price(cart, OFFERS, new PricingRules(EUR, CountryCode.of("FR"), Map.of(), Map.of())));
    }

    @Test
    void refusesAShippingFeeInAnotherCurrency() {
        assertThatThrownBy(() -> new PricingRules(EUR, GERMANY, Map.of(), Map.of(NORDIC, Money.of(495, "USD"))))
            .isInstanceOf(CurrencyMismatch.class);
    }

    @Test
    void refusesTotalsThatDoNotAddUp() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Totals(eur(100), eur(19), eur(5), eur(125)));
        assertThat(Totals.of(eur(100), eur(19), eur(5)).plus(Totals.of(eur(1), eur(2), eur(3))))
            .isEqualTo(new Totals(eur(101), eur(21), eur(8), eur(130)));
    }

}
