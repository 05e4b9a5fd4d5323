package dev.surge.checkout.domain;

/**
 * A rate in hundredths of a percent (1500 = 15 %), between 0 and 10 000. Integer, so
 * commission and tax stay exact.
 */
public record BasisPoints(int value) {

    public static final int WHOLE = 10_000;

    public BasisPoints {
        if (value < 0 || value > WHOLE) {
            throw new IllegalArgumentException("basis points must be within 0..10000: " + value);
        }
    }

    public static BasisPoints of(int value) {
        return new BasisPoints(value);
    }

    /**
     * The share of {@code amount} this rate stands for, rounded half up to the minor
     * unit.
     */
    public Money of(Money amount) {
        return amount.timesBasisPoints(value);
    }
}
