package dev.surge.checkout.domain;

import java.util.Objects;

/** Money totals, all in one currency: {@code total = subtotal + tax + shipping}. */
public record Totals(Money subtotal, Money tax, Money shipping, Money total) {

    public Totals {
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(shipping, "shipping");
        Objects.requireNonNull(total, "total");
        if (!subtotal.plus(tax).plus(shipping).equals(total)) {
            throw new IllegalArgumentException("total must be subtotal + tax + shipping");
        }
    }

    public static Totals of(Money subtotal, Money tax, Money shipping) {
        return new Totals(subtotal, tax, shipping, subtotal.plus(tax).plus(shipping));
    }

    public static Totals zero(java.util.Currency currency) {
        return of(Money.zero(currency), Money.zero(currency), Money.zero(currency));
    }

    public Totals plus(Totals other) {
        return of(subtotal.plus(other.subtotal), tax.plus(other.tax), shipping.plus(other.shipping));
    }

}
