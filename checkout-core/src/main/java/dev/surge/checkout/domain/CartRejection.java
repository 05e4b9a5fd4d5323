package dev.surge.checkout.domain;

/** Why a cart change was refused; the cart stays as it was. */
public sealed interface CartRejection {

    /**
     * The SKU does not exist, its product or vendor is not approved, or it has no price
     * in the cart's currency.
     */
    record NotForSale(Sku sku) implements CartRejection {
    }

    record QuantityOutOfRange(Sku sku, int max) implements CartRejection {
    }

    record TooManyLines(int max) implements CartRejection {
    }

    /**
     * The line would hold more units than one buyer may have of the SKU (its per-buyer
     * limit), so its checkout could never succeed.
     */
    record PurchaseLimit(Sku sku, int requested, int allowed) implements CartRejection {
    }

}
