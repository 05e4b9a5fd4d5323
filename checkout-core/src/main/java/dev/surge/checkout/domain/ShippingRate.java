package dev.surge.checkout.domain;

import java.util.Objects;

/** The flat shipping fee a vendor charges once per sub-order in one currency. */
public record ShippingRate(VendorId vendorId, Money flatFee) {

    public ShippingRate {
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(flatFee, "flatFee");
    }
}
