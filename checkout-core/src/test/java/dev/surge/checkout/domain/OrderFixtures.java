package dev.surge.checkout.domain;

import java.time.Duration;
import dev.surge.testing.TestTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Orders placed at {@link #PLACED_AT} (the test run's now: no test depends on the date)
 * for {@code buyer@example.com}, opened for a guest by {@link #TOKEN}.
 */
public final class OrderFixtures {

    public static final OrderId ORDER = OrderId.of("3e0f7c1a-5b2d-4c6e-8f9a-0b1c2d3e4f5a");

    public static final CartToken TOKEN = new CartToken("order-token-0123456789abcdefghijklmnopqrstuvw");

    public static final Instant PLACED_AT = TestTime.now();

    public static final Instant RESERVED_UNTIL = PLACED_AT.plus(Duration.ofMinutes(15));

    public static final Map<String, String> ADDRESS = Map.of("line1", "Hauptstr. 1", "postalCode", "10115", "city",
            "Berlin", "country", "DE");

    public static final ConnectedAccountId NORDIC_ACCOUNT = new ConnectedAccountId("acct_nordic");

    public static final ConnectedAccountId ALPINE_ACCOUNT = new ConnectedAccountId("acct_alpine");

    private OrderFixtures() {
    }

    public static VendorTerms terms(VendorId vendor, int commissionBasisPoints, @Nullable ConnectedAccountId account) {
        return new VendorTerms(vendor, BasisPoints.of(commissionBasisPoints), account);
    }

    public static Map<VendorId, VendorTerms> termsOf(VendorTerms... terms) {
        Map<VendorId, VendorTerms> byVendor = new LinkedHashMap<>();
        for (VendorTerms vendor : terms) {
            byVendor.put(vendor.vendorId(), vendor);
        }
        return byVendor;
    }

    /**
     * Each line at its vendor's rate in {@code terms}: one marketplace rule per vendor.
     */
    public static CommissionPolicy byVendorRate(Map<VendorId, VendorTerms> terms) {
        return line -> new LineCommission(line.sku(), null,
                terms.get(line.vendorId()).commissionRate().of(line.lineTotal()));
    }

    public static Order place(PricedCart cart, Map<VendorId, VendorTerms> terms) {
        return Order.place(ORDER, cart, terms, byVendorRate(terms), TOKEN.hash(), "buyer@example.com", ADDRESS,
                PLACED_AT, RESERVED_UNTIL, CartFixtures.sequentialIds());
    }

}
