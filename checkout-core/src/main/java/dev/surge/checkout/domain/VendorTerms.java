package dev.surge.checkout.domain;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the marketplace agreed with a vendor: its base commission rate, the connected
 * account that receives its share ({@code null} while the vendor has none: its share then
 * stays on the platform account until it has), and whether its payouts are held (a
 * suspended vendor is paid nothing until it is reinstated).
 */
public record VendorTerms(VendorId vendorId, BasisPoints commissionRate, @Nullable ConnectedAccountId account,
        boolean payoutsHeld) {

    public VendorTerms {
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(commissionRate, "commissionRate");
    }

    /** Terms of a vendor that is paid. */
    public VendorTerms(VendorId vendorId, BasisPoints commissionRate, @Nullable ConnectedAccountId account) {
        this(vendorId, commissionRate, account, false);
    }

}
