package dev.surge.checkout.domain;

import java.util.Locale;

/**
 * What a member may do for its vendor: an {@link #OWNER} everything (members and payouts
 * included), an {@link #EDITOR} products, prices and stock, {@link #FULFILLMENT} orders,
 * shipping and returns.
 */
public enum VendorRole {

    OWNER, EDITOR, FULFILLMENT;

    /** Whether a member in this role may do work that needs {@code needed}. */
    public boolean covers(VendorRole needed) {
        return this == OWNER || this == needed;
    }

    /**
     * The role as the API spells it: {@code owner}, {@code editor}, {@code fulfillment}.
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for anything but the three labels (any case)
     */
    public static VendorRole ofLabel(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }

}
