package dev.surge.checkout.domain;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the marketplace agreed with a vendor: its commission rate and the connected
 * account that receives its share ({@code null} while the vendor has none: its share then
 * stays on the platform account until it has).
 */
public record VendorTerms(VendorId vendorId, BasisPoints commissionRate, @Nullable ConnectedAccountId account) {

    public VendorTerms {
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(commissionRate, "commissionRate");
    }

}
