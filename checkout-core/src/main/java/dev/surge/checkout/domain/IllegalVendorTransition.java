package dev.surge.checkout.domain;

/** An operator decision that cannot be taken from where the vendor stands. */
public final class IllegalVendorTransition extends RuntimeException {

    private final VendorStatus from;

    private final VendorDecision decision;

    public IllegalVendorTransition(VendorStatus from, VendorDecision decision) {
        super("a vendor that is " + from + " cannot be " + decision.pastTense());
        this.from = from;
        this.decision = decision;
    }

    public VendorStatus from() {
        return from;
    }

    public VendorDecision decision() {
        return decision;
    }

}
