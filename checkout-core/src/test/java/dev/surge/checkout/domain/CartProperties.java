package dev.surge.checkout.domain;

import static dev.surge.checkout.domain.CartFixtures.CUSTOMER;
import static dev.surge.checkout.domain.CartFixtures.EUR;
import static dev.surge.checkout.domain.CartFixtures.GERMANY;
import static dev.surge.checkout.domain.CartFixtures.emptyCart;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CartProperties {

    /**
     * SKUs are drawn from a pool larger than a cart holds, so that changes both hit
     * existing lines and run into the line limit.
     */
    private static final int SKU_POOL = 130;

    @Property(tries = 300)
    void neverHoldsTheSameSkuTwiceNorBreaksItsLimits(@ForAll("changes") List<Change> changes) {
        Cart cart = emptyCart();
        for (Change change : changes) {
            cart = change.applyTo(cart);

            assertThat(cart.lines()).extracting(CartLine::sku).doesNotHaveDuplicates();
            assertThat(cart.lines()).hasSizeLessThanOrEqualTo(Cart.MAX_LINES);
            assertThat(cart.lines()).allSatisfy(line -> assertThat(line.quantity()).isBetween(1, 999));
            assertThat(cart.owner()).isEqualTo(CUSTOMER);
        }
    }

    @Property(tries = 300)
    void changesOnlyTheLineItIsAskedToChange(@ForAll("changes") List<Change> changes) {
        Cart cart = emptyCart();
        for (Change change : changes) {
            Cart next = change.applyTo(cart);
            Map<Sku, Integer> before = quantities(cart);
            Map<Sku, Integer> after = quantities(next);
            before.remove(change.sku());
            after.remove(change.sku());

            assertThat(after).isEqualTo(before);
            cart = next;
        }
    }

    @Property(tries = 300)
    void addsUpWithinTheCapOrRejects(@ForAll("changes") List<Change> changes, @ForAll("skus") Sku sku,
            @ForAll("quantities") int quantity) {
        Cart cart = emptyCart();
        for (Change change : changes) {
            cart = change.applyTo(cart);
        }
        int held = cart.line(sku).map(CartLine::quantity).orElse(0);

        CartChange added = cart.add(sku, quantity);

        if (quantity >= 1 && (long) held + quantity <= CartLine.MAX_QUANTITY
                && (held > 0 || cart.lines().size() < Cart.MAX_LINES)) {
            assertThat(added).isInstanceOfSatisfying(CartChange.Changed.class,
                    changed -> assertThat(changed.cart().line(sku)).contains(new CartLine(sku, held + quantity)));
        }
        else {
            assertThat(added).isInstanceOf(CartChange.Rejected.class);
        }
    }

    @Property(tries = 300)
    void mergesWithoutLosingOrInventingUnits(@ForAll("carts") Cart mine, @ForAll("carts") Cart guest) {
        Cart merged = mine.merge(guest);
        Map<Sku, Integer> mineQuantities = quantities(mine);
        Map<Sku, Integer> guestQuantities = quantities(guest);

        assertThat(merged.lines()).extracting(CartLine::sku).doesNotHaveDuplicates();
        assertThat(merged.lines()).hasSizeLessThanOrEqualTo(Cart.MAX_LINES);
        assertThat(merged.lines().subList(0, mine.lines().size())).extracting(CartLine::sku)
            .containsExactlyElementsOf(mine.lines().stream().map(CartLine::sku).toList());
        List<Sku> newSkus = guest.lines()
            .stream()
            .map(CartLine::sku)
            .filter(s -> !mineQuantities.containsKey(s))
            .toList();
        int room = Cart.MAX_LINES - mine.lines().size();
        assertThat(merged.lines().subList(mine.lines().size(), merged.lines().size())).extracting(CartLine::sku)
            .containsExactlyElementsOf(newSkus.subList(0, Math.min(room, newSkus.size())));
        for (CartLine line : merged.lines()) {
            int expected = Math.min(CartLine.MAX_QUANTITY,
                    mineQuantities.getOrDefault(line.sku(), 0) + guestQuantities.getOrDefault(line.sku(), 0));
            assertThat(line.quantity()).as(line.sku().value()).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        Arbitrary<Kind> kinds = Arbitraries.of(Kind.class);
        return Combinators.combine(kinds, skus(), quantities()).as(Change::new).list().ofMaxSize(400);
    }

    @Provide
    Arbitrary<Sku> skus() {
        return Arbitraries.integers().between(0, SKU_POOL - 1).map(i -> Sku.of("SKU-%03d".formatted(i)));
    }

    /** Mostly sensible quantities, with the edges and some nonsense mixed in. */
    @Provide
    Arbitrary<Integer> quantities() {
        Arbitrary<Integer> sensible = Arbitraries.integers().between(1, 50);
        return Arbitraries.oneOf(sensible, sensible, sensible, Arbitraries.integers().between(0, 1_000),
                Arbitraries.of(-1, 998, 999, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE));
    }

    @Provide
    Arbitrary<Cart> carts() {
        Arbitrary<Map<Sku, Integer>> lines = Arbitraries.maps(skus(), Arbitraries.integers().between(1, 999))
            .ofMaxSize(Cart.MAX_LINES);
        return lines.map(quantities -> new Cart(new CartId(UUID.randomUUID()), EUR, GERMANY, CUSTOMER,
                quantities.entrySet().stream().map(entry -> new CartLine(entry.getKey(), entry.getValue())).toList()));
    }

    private static Map<Sku, Integer> quantities(Cart cart) {
        Map<Sku, Integer> quantities = new LinkedHashMap<>();
        cart.lines().forEach(line -> quantities.put(line.sku(), line.quantity()));
        return quantities;
    }

    enum Kind {

        ADD, SET, REMOVE

    }

    record Change(Kind kind, Sku sku, int quantity) {

        /** The cart after this change, or the same cart when it was rejected. */
        Cart applyTo(Cart cart) {
            CartChange change = switch (kind) {
                case ADD -> cart.add(sku, quantity);
                case SET -> cart.set(sku, quantity);
                case REMOVE -> new CartChange.Changed(cart.remove(sku));
            };
            return switch (change) {
                case CartChange.Changed changed -> changed.cart();
                case CartChange.Rejected rejected -> cart;
            };
        }

    }

}
