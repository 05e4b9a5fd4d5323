package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * One vendor's part of a priced cart: its lines' subtotal and tax plus its shipping fee.
 * The vendor shares of a cart add up to the cart's totals exactly.
 */
public record VendorShare(VendorId vendorId, Totals totals) {

    public VendorShare {
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(totals, "totals");
    }

}
