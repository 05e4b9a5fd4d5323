package dev.surge.api.persistence;

/**
 * The vendor rules the SQL statements share, written once: which vendors sell, and which
 * are not paid while suspended.
 */
final class VendorConditions {

    private VendorConditions() {
    }

    /**
     * Whether the vendor row {@code alias} sells: approved, and with payouts enabled
     * unless the marketplace lets vendors sell before ({@code sellWithoutPayouts}).
     */
    static String sells(String alias, boolean sellWithoutPayouts) {
        return alias + ".status = 'APPROVED'" + (sellWithoutPayouts ? "" : " AND " + alias + ".payouts_enabled");
    }

    /**
     * Whether the vendor row {@code alias} is suspended with its payouts held (an
     * operator may release them).
     */
    static String heldBySuspension(String alias) {
        return "(" + alias + ".status = 'SUSPENDED' AND " + alias + ".payouts_release_reason IS NULL)";
    }

}
