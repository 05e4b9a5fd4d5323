package dev.surge.checkout.domain;

/**
 * How a variant is taxed; each country sets its own rate per class (see {@link TaxRate}).
 */
public enum TaxClass {

    STANDARD, REDUCED, ZERO

}
