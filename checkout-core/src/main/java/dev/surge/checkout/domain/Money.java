package dev.surge.checkout.domain;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An amount of money in integer minor units (cents, pence) of an ISO 4217 currency.
 *
 * <p>
 * Never negative: a refund or a discount is its own concept, not a negative price.
 * Arithmetic is exact and overflow throws {@link ArithmeticException} instead of
 * wrapping. Mixing currencies throws {@link CurrencyMismatch}.
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException(currency + " is not a currency money can be held in");
        }
        if (minor < 0) {
            throw new IllegalArgumentException("money cannot be negative: " + minor + " " + currency);
        }
    }

    public static Money of(long minor, Currency currency) {
        return new Money(minor, currency);
    }

    public static Money of(long minor, String currencyCode) {
        return new Money(minor, Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    /** Throws {@link IllegalArgumentException} when the result would be negative. */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public Money times(int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity cannot be negative: " + quantity);
        }
        return new Money(Math.multiplyExact(minor, quantity), currency);
    }

    /**
     * This amount times {@code basisPoints / 10_000}, rounded half up to the minor unit,
     * the way tax and commission are rounded per line.
     */
    public Money timesBasisPoints(int basisPoints) {
        if (basisPoints < 0) {
            throw new IllegalArgumentException("basis points cannot be negative: " + basisPoints);
        }
        long scaled = Math.multiplyExact(minor, (long) basisPoints);
        return new Money(Math.addExact(scaled, 5_000) / 10_000, currency);
    }

    /**
     * Splits this amount across parts in proportion to {@code weights}, losing no minor
     * unit: the shares add up to exactly this amount, each share is within one minor unit
     * of its exact proportion, and the leftover units go to the parts with the largest
     * remainders (the earlier part on ties). A part of weight zero gets zero.
     */
    public List<Money> allocate(long... weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("allocation needs at least one part");
        }
        long totalWeight = 0;
        for (long weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("allocation weights cannot be negative");
            }
            totalWeight = Math.addExact(totalWeight, weight);
        }
        if (totalWeight == 0) {
            throw new IllegalArgumentException("allocation weights cannot all be zero");
        }
        long[] shares = new long[weights.length];
        long[] remainders = new long[weights.length];
        long allocated = 0;
        for (int i = 0; i < weights.length; i++) {
            long scaled = Math.multiplyExact(minor, weights[i]);
            shares[i] = scaled / totalWeight;
            remainders[i] = scaled % totalWeight;
            allocated += shares[i];
        }
        for (long leftover = minor - allocated; leftover > 0; leftover--) {
            shares[indexOfLargest(remainders)]++;
        }
        List<Money> result = new ArrayList<>(weights.length);
        for (long share : shares) {
            result.add(new Money(share, currency));
        }
        return List.copyOf(result);
    }

    /**
     * Splits this amount into {@code parts} shares that differ by at most one minor unit.
     */
    public List<Money> split(int parts) {
        if (parts <= 0) {
            throw new IllegalArgumentException("parts must be positive: " + parts);
        }
        long[] equalWeights = new long[parts];
        java.util.Arrays.fill(equalWeights, 1);
        return allocate(equalWeights);
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    /**
     * The amount in major units with the currency's fraction digits, e.g. {@code 19.99}
     * for 1999 EUR cents or {@code 500} for 500 JPY. Exact: no floating point on the way.
     */
    public String toPlainString() {
        int digits = currency.getDefaultFractionDigits();
        if (digits == 0) {
            return Long.toString(minor);
        }
        long unit = pow10(digits);
        String fraction = Long.toString(minor % unit);
        return (minor / unit) + "." + "0".repeat(digits - fraction.length()) + fraction;
    }

    /**
     * Human-readable, locale-aware rendering such as {@code €19.99} or {@code 19,99 €}.
     */
    public String format(Locale locale) {
        var format = java.text.NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        // Exact decimal for display only; domain arithmetic stays in long minor units.
        return format.format(java.math.BigDecimal.valueOf(minor, currency.getDefaultFractionDigits()));
    }

    @Override
    public String toString() {
        return toPlainString() + " " + currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatch(currency, other.currency);
        }
    }

    private static int indexOfLargest(long[] remainders) {
        int best = 0;
        for (int i = 1; i < remainders.length; i++) {
            if (remainders[i] > remainders[best]) {
                best = i;
            }
        }
        remainders[best] = -1;
        return best;
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
