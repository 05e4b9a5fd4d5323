package dev.surge.api.web;

import dev.surge.checkout.domain.VendorAccount;
import org.jspecify.annotations.Nullable;

/**
 * A vendor as operators see it. {@code payoutSchedule} is {@code instant}: each share is
 * transferred when its order is paid (schedules come with payout runs).
 */
public record VendorJson(String vendorId, String name, String status, @Nullable String statusReason,
        @Nullable String email, @Nullable String country, @Nullable String defaultCurrency, CommissionJson commission,
        boolean payoutsEnabled, @Nullable String payoutsReleaseReason, String payoutSchedule,
        boolean autoApprovesProducts, String createdAt) {

    /** The vendor's commission rate in basis points (1500 = 15 %). */
    public record CommissionJson(int rateBps) {
    }

    static VendorJson of(VendorAccount vendor) {
        return new VendorJson(vendor.id().toString(), vendor.name(), vendor.status().name(), vendor.statusReason(),
                vendor.email(), vendor.country() == null ? null : vendor.country().value(),
                vendor.defaultCurrency() == null ? null : vendor.defaultCurrency().getCurrencyCode(),
                new CommissionJson(vendor.commissionRate().value()), vendor.payoutsEnabled(),
                vendor.payoutsReleaseReason(), "instant", vendor.autoApprovesProducts(), vendor.createdAt().toString());
    }

}
