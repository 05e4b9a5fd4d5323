package dev.surge.checkout.domain;

/** A product cannot be moved so from where it stands in moderation. */
public final class IllegalProductTransition extends RuntimeException {

    private final ProductStatus from;

    public IllegalProductTransition(ProductStatus from, String pastTense) {
        super("a product that is " + from + " cannot be " + pastTense, null, false, false);
        this.from = from;
    }

    public ProductStatus from() {
        return from;
    }

}
