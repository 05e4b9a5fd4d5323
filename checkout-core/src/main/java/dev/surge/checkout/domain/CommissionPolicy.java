package dev.surge.checkout.domain;

/**
 * Decides what the marketplace keeps of each line of an order being placed (see
 * {@link CommissionRules#commissionOn}).
 */
@FunctionalInterface
public interface CommissionPolicy {

    LineCommission commissionOn(PricedLine line);

    /** One rate on every line, of every vendor (tests, and a marketplace of one rate). */
    static CommissionPolicy flat(BasisPoints rate) {
        return line -> new LineCommission(line.sku(), null, rate.of(line.lineTotal()));
    }

}
