package dev.surge.checkout.domain;

import static dev.surge.checkout.domain.CartFixtures.CART;
import static dev.surge.checkout.domain.CartFixtures.CUSTOMER;
import static dev.surge.checkout.domain.CartFixtures.EUR;
import static dev.surge.checkout.domain.CartFixtures.GERMANY;
import static dev.surge.checkout.domain.CartFixtures.cartWith;
import static dev.surge.checkout.domain.CartFixtures.cartWithLines;
import static dev.surge.checkout.domain.CartFixtures.changed;
import static dev.surge.checkout.domain.CartFixtures.emptyCart;
import static dev.surge.checkout.domain.CartFixtures.guestCartWith;
import static dev.surge.checkout.domain.CartFixtures.line;
import static dev.surge.checkout.domain.CartFixtures.lines;
import static dev.surge.checkout.domain.CartFixtures.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CartTests {

    @Test
    void startsEmpty() {
        Cart cart = emptyCart();

        assertThat(cart.isEmpty()).isTrue();
        assertThat(cart.lines()).isEmpty();
        assertThat(cart.line(sku("TEE-RED-M"))).isEmpty();
    }

    @Test
    void addsANewSkuAsALastLine() {
        Cart cart = changed(cartWith(line("MUG-BLUE", 1)).add(sku("TEE-RED-M"), 2));

        assertThat(cart.lines()).containsExactly(line("MUG-BLUE", 1), line("TEE-RED-M", 2));
        assertThat(cart.isEmpty()).isFalse();
    }

    @Test
    void addsUpTheSameSkuInPlace() {
        Cart cart = changed(cartWith(line("TEE-RED-M", 2), line("MUG-BLUE", 1)).add(sku("TEE-RED-M"), 3));

        assertThat(cart.lines()).containsExactly(line("TEE-RED-M", 5), line("MUG-BLUE", 1));
    }

    @Test
    void addsUpToTheCapExactly() {
        Cart cart = changed(cartWith(line("TEE-RED-M", 500)).add(sku("TEE-RED-M"), 499));

        assertThat(cart.line(sku("TEE-RED-M"))).contains(line("TEE-RED-M", CartLine.MAX_QUANTITY));
        assertThat(changed(emptyCart().add(sku("MUG-BLUE"), 999)).lines()).containsExactly(line("MUG-BLUE", 999));
    }

    @Test
    void rejectsAnAdditionBeyondTheCap() {
        Cart cart = cartWith(line("TEE-RED-M", 500));

        assertThat(cart.add(sku("TEE-RED-M"), 500)).isEqualTo(
                new CartChange.Rejected(new CartRejection.QuantityOutOfRange(sku("TEE-RED-M"), CartLine.MAX_QUANTITY)));
        assertThat(emptyCart().add(sku("MUG-BLUE"), 1000))
            .isEqualTo(new CartChange.Rejected(new CartRejection.QuantityOutOfRange(sku("MUG-BLUE"), 999)));
    }

    @Test
    void rejectsAHugeAdditionInsteadOfOverflowing() {
        Cart cart = cartWith(line("TEE-RED-M", 1));

        assertThat(cart.add(sku("TEE-RED-M"), Integer.MAX_VALUE))
            .isEqualTo(new CartChange.Rejected(new CartRejection.QuantityOutOfRange(sku("TEE-RED-M"), 999)));
        assertThat(emptyCart().add(sku("TEE-RED-M"), Integer.MAX_VALUE))
            .isEqualTo(new CartChange.Rejected(new CartRejection.QuantityOutOfRange(sku("TEE-RED-M"), 999)));
    }

    @Test
    void rejectsAddingNothingOrLess() {
        Cart cart = cartWith(line("TEE-RED-M", 5));

        for (int quantity : new int[] { 0, -1, -5, Integer.MIN_VALUE }) {
            assertThat(cart.add(sku("TEE-RED-M"), quantity)).as("add %d", quantity)
                .isEqualTo(new CartChange.Rejected(new CartRejection.QuantityOutOfRange(sku("TEE-RED-M"), 999)));
            assertThat(cart.add(sku("MUG-BLUE"), quantity)).as("add %d of a new SKU", quantity)
                .isEqualTo(new CartChange.Rejected(new CartRejection.QuantityOutOfRange(sku("MUG-BLUE"), 999)));
        }
    }

    @Test
    void setsTheQuantityOfALineInPlace() {
        Cart cart = cartWith(line("TEE-RED-M", 5), line("MUG-BLUE", 1));

        assertThat(changed(cart.set(sku("TEE-RED-M"), 2)).lines()).containsExactly(line("TEE-RED-M", 2),
                line("MUG-BLUE", 1));
        assertThat(changed(cart.set(sku("TEE-RED-M"), 999)).lines()).containsExactly(line("TEE-RED-M", 999),
                line("MUG-BLUE", 1));
    }

    @Test
    void setsANewSkuAsALastLine() {
        Cart cart = changed(cartWith(line("TEE-RED-M", 5)).set(sku("MUG-BLUE"), 3));

        assertThat(cart.lines()).containsExactly(line("TEE-RED-M", 5), line("MUG-BLUE", 3));
    }

    @Test
    void removesTheLineWhenTheQuantityIsSetToZero() {
        Cart cart = cartWith(line("TEE-RED-M", 5), line("MUG-BLUE", 1));

        assertThat(changed(cart.set(sku("TEE-RED-M"), 0)).lines()).containsExactly(line("MUG-BLUE", 1));
        assertThat(changed(cart.set(sku("CAP-GREEN"), 0)).lines()).isEqualTo(cart.lines());
    }

    @Test
    void rejectsANegativeQuantityOrOneBeyondTheCap() {
        Cart cart = cartWith(line("TEE-RED-M", 5));

        for (int quantity : new int[] { -1, 1000, Integer.MIN_VALUE, Integer.MAX_VALUE }) {
            assertThat(cart.set(sku("TEE-RED-M"), quantity)).as("set %d", quantity)
                .isEqualTo(new CartChange.Rejected(new CartRejection.QuantityOutOfRange(sku("TEE-RED-M"), 999)));
        }
    }

    @Test
    void removesALine() {
        Cart cart = cartWith(line("TEE-RED-M", 5), line("MUG-BLUE", 1), line("CAP-GREEN", 2));

        assertThat(cart.remove(sku("MUG-BLUE")).lines()).containsExactly(line("TEE-RED-M", 5), line("CAP-GREEN", 2));
        assertThat(cart.remove(sku("SOCK-BLACK")).lines()).isEqualTo(cart.lines());
    }

    @Test
    void keepsItsIdentityThroughChanges() {
        Cart cart = changed(emptyCart().add(sku("TEE-RED-M"), 1));

        assertThat(cart.id()).isEqualTo(CART);
        assertThat(cart.currency()).isEqualTo(EUR);
        assertThat(cart.country()).isEqualTo(GERMANY);
        assertThat(cart.owner()).isEqualTo(CUSTOMER);
        assertThat(cart.remove(sku("TEE-RED-M")).owner()).isEqualTo(CUSTOMER);
    }

    @Test
    void holdsAtMostOneHundredLines() {
        Cart full = cartWithLines("SKU", Cart.MAX_LINES);

        assertThat(full.add(sku("ONE-MORE"), 1))
            .isEqualTo(new CartChange.Rejected(new CartRejection.TooManyLines(Cart.MAX_LINES)));
        assertThat(full.set(sku("ONE-MORE"), 1))
            .isEqualTo(new CartChange.Rejected(new CartRejection.TooManyLines(100)));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new Cart(CART, EUR, GERMANY, CUSTOMER, lines("SKU", Cart.MAX_LINES + 1)));
    }

    @Test
    void stillChangesAndEmptiesAFullCart() {
        Cart full = cartWithLines("SKU", Cart.MAX_LINES);

        assertThat(changed(full.add(sku("SKU-042"), 4)).line(sku("SKU-042"))).contains(line("SKU-042", 5));
        assertThat(changed(full.set(sku("SKU-042"), 7)).line(sku("SKU-042"))).contains(line("SKU-042", 7));
        assertThat(changed(full.set(sku("SKU-042"), 0)).lines()).hasSize(99);
        assertThat(changed(full.set(sku("SKU-042"), 0)).add(sku("ONE-MORE"), 1)).isInstanceOf(CartChange.Changed.class);
    }

    @Test
    void neverHoldsTheSameSkuTwice() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> cartWith(line("TEE-RED-M", 1), line("MUG-BLUE", 1), line("TEE-RED-M", 2)));

        Cart cart = changed(changed(emptyCart().add(sku("TEE-RED-M"), 1)).add(sku("TEE-RED-M"), 1));
        cart = changed(cart.set(sku("TEE-RED-M"), 4));
        assertThat(cart.lines()).containsExactly(line("TEE-RED-M", 4));
    }

    @Test
    void refusesLinesOutsideOneToTheCap() {
        assertThatIllegalArgumentException().isThrownBy(() -> line("TEE-RED-M", 0));
        assertThatIllegalArgumentException().isThrownBy(() -> line("TEE-RED-M", 1000));
        assertThat(line("TEE-RED-M", 999).quantity()).isEqualTo(999);
    }

    @Test
    void cannotBeChangedThroughTheListItWasMadeFrom() {
        List<CartLine> source = new ArrayList<>(List.of(line("TEE-RED-M", 1)));
        Cart cart = new Cart(CART, EUR, GERMANY, CUSTOMER, source);

        source.add(line("MUG-BLUE", 1));

        assertThat(cart.lines()).containsExactly(line("TEE-RED-M", 1));
    }

    @Test
    void mergesAGuestCartByAddingUpQuantities() {
        Cart mine = cartWith(line("TEE-RED-M", 2), line("MUG-BLUE", 1));
        Cart guest = guestCartWith(line("MUG-BLUE", 4));

        assertThat(mine.merge(guest).lines()).containsExactly(line("TEE-RED-M", 2), line("MUG-BLUE", 5));
    }

    @Test
    void capsMergedQuantities() {
        Cart mine = cartWith(line("TEE-RED-M", 600), line("MUG-BLUE", 999));
        Cart guest = guestCartWith(line("MUG-BLUE", 999), line("TEE-RED-M", 600));

        assertThat(mine.merge(guest).lines()).containsExactly(line("TEE-RED-M", 999), line("MUG-BLUE", 999));
    }

    @Test
    void appendsNewSkusInTheGuestCartsOrder() {
        Cart mine = cartWith(line("TEE-RED-M", 1));
        Cart guest = guestCartWith(line("SOCK-BLACK", 3), line("TEE-RED-M", 1), line("CAP-GREEN", 2),
                line("MUG-BLUE", 1));

        assertThat(mine.merge(guest).lines()).containsExactly(line("TEE-RED-M", 2), line("SOCK-BLACK", 3),
                line("CAP-GREEN", 2), line("MUG-BLUE", 1));
    }

    @Test
    void keepsTheCustomersCartWhenMerging() {
        Cart mine = emptyCart();
        Cart guest = guestCartWith(line("TEE-RED-M", 1));

        Cart merged = mine.merge(guest);

        assertThat(merged.id()).isEqualTo(CART);
        assertThat(merged.owner()).isEqualTo(CUSTOMER);
        assertThat(merged.currency()).isEqualTo(EUR);
        assertThat(merged.country()).isEqualTo(GERMANY);
        assertThat(merged.lines()).containsExactly(line("TEE-RED-M", 1));
        assertThat(cartWith(line("MUG-BLUE", 1)).merge(guestCartWith()).lines()).containsExactly(line("MUG-BLUE", 1));
    }

    @Test
    void dropsTheGuestsNewSkusBeyondOneHundredLines() {
        List<CartLine> mineLines = lines("MINE", 98);
        Cart mine = new Cart(CART, EUR, GERMANY, CUSTOMER, mineLines);
        Cart guest = guestCartWith(line("NEW-1", 1), line("MINE-005", 3), line("NEW-2", 2), line("NEW-3", 1),
                line("MINE-097", 998), line("NEW-4", 1));

        Cart merged = mine.merge(guest);

        assertThat(merged.lines()).hasSize(Cart.MAX_LINES);
        assertThat(merged.lines().subList(0, 98)).extracting(CartLine::sku)
            .containsExactlyElementsOf(mineLines.stream().map(CartLine::sku).toList());
        assertThat(merged.lines().subList(98, 100)).containsExactly(line("NEW-1", 1), line("NEW-2", 2));
        assertThat(merged.line(sku("MINE-005"))).contains(line("MINE-005", 4));
        assertThat(merged.line(sku("MINE-097"))).contains(line("MINE-097", 999));
        assertThat(merged.line(sku("NEW-3"))).isEmpty();
        assertThat(merged.line(sku("NEW-4"))).isEmpty();
    }

}
