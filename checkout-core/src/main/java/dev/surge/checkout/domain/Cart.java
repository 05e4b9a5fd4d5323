package dev.surge.checkout.domain;

import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a shopper intends to buy, in one currency, shipped to one country. Holds SKUs and
 * quantities only: prices are always computed afresh ({@link PricedCart}), never trusted
 * from a client or from an earlier read.
 *
 * @param owner the signed-in customer owning it; {@code null} for a guest cart, which its
 * token opens instead
 */
public record Cart(CartId id, Currency currency, CountryCode country, @Nullable CustomerId owner,
        List<CartLine> lines) {

    public static final int MAX_LINES = 100;

    public Cart {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(country, "country");
        lines = List.copyOf(lines);
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("a cart holds at most " + MAX_LINES + " lines");
        }
        if (lines.stream().map(CartLine::sku).distinct().count() != lines.size()) {
            throw new IllegalArgumentException("a cart holds each SKU once");
        }
    }

    public static Cart empty(CartId id, Currency currency, CountryCode country, @Nullable CustomerId owner) {
        return new Cart(id, currency, country, owner, List.of());
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public Optional<CartLine> line(Sku sku) {
        return lines.stream().filter(line -> line.sku().equals(sku)).findFirst();
    }

    /** Adds {@code quantity} of {@code sku}; the same SKU adds up. */
    public CartChange add(Sku sku, int quantity) {
        int held = line(sku).map(CartLine::quantity).orElse(0);
        // compared as room left, so that a huge quantity cannot overflow past the cap
        if (quantity < 1 || quantity > CartLine.MAX_QUANTITY - held) {
            return new CartChange.Rejected(new CartRejection.QuantityOutOfRange(sku, CartLine.MAX_QUANTITY));
        }
        return withQuantity(sku, held + quantity);
    }

    /** Sets the quantity of {@code sku}; 0 removes the line. */
    public CartChange set(Sku sku, int quantity) {
        if (quantity < 0 || quantity > CartLine.MAX_QUANTITY) {
            return new CartChange.Rejected(new CartRejection.QuantityOutOfRange(sku, CartLine.MAX_QUANTITY));
        }
        return quantity == 0 ? new CartChange.Changed(remove(sku)) : withQuantity(sku, quantity);
    }

    public Cart remove(Sku sku) {
        return new Cart(id, currency, country, owner, lines.stream().filter(line -> !line.sku().equals(sku)).toList());
    }

    /**
     * This (the customer's) cart with a guest cart's lines merged in: quantities of the
     * same SKU add up, capped at {@value CartLine#MAX_QUANTITY}; new SKUs follow in the
     * guest cart's order while lines are left, the rest are dropped.
     */
    public Cart merge(Cart guest) {
        Map<Sku, Integer> merged = new LinkedHashMap<>();
        lines.forEach(line -> merged.put(line.sku(), line.quantity()));
        for (CartLine line : guest.lines) {
            if (merged.containsKey(line.sku()) || merged.size() < MAX_LINES) {
                merged.merge(line.sku(), line.quantity(),
                        (mine, theirs) -> Math.min(CartLine.MAX_QUANTITY, mine + theirs));
            }
        }
        List<CartLine> result = new ArrayList<>();
        merged.forEach((sku, quantity) -> result.add(new CartLine(sku, quantity)));
        return new Cart(id, currency, country, owner, result);
    }

    private CartChange withQuantity(Sku sku, int quantity) {
        List<CartLine> result = new ArrayList<>(lines.size() + 1);
        boolean replaced = false;
        for (CartLine line : lines) {
            if (line.sku().equals(sku)) {
                result.add(new CartLine(sku, quantity));
                replaced = true;
            }
            else {
                result.add(line);
            }
        }
        if (!replaced) {
            if (lines.size() >= MAX_LINES) {
                return new CartChange.Rejected(new CartRejection.TooManyLines(MAX_LINES));
            }
            result.add(new CartLine(sku, quantity));
        }
        return new CartChange.Changed(new Cart(id, currency, country, owner, result));
    }

}
