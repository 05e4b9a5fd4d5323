package dev.surge.api.support;

/** Facts of the seeded demo catalog (db/demo) that tests and the README rely on. */
public final class DemoCatalog {

    public static final String NORDIC_GOODS = "11111111-1111-4111-8111-111111111111";

    public static final String ATELIER_LUMIERE = "22222222-2222-4222-8222-222222222222";

    public static final String BRICK_LANE_SUPPLY = "33333333-3333-4333-8333-333333333333";

    /** A vendor still waiting for approval: its products must never be listed. */
    public static final String SUNSET_OUTLET = "44444444-4444-4444-8444-444444444444";

    public static final int LISTED_PRODUCTS = 60;

    /** Seeded members of Nordic Goods, one per role. */
    public static final String NORDIC_OWNER = "nordic-owner";

    public static final String NORDIC_EDITOR = "nordic-editor";

    public static final String NORDIC_FULFILLMENT = "nordic-fulfillment";

    /** An editor at Atelier Lumiere and fulfillment at Brick Lane Supply. */
    public static final String CONSULTANT = "consultant";

    public static boolean isDemoVendor(String vendorId) {
        return java.util.List.of(NORDIC_GOODS, ATELIER_LUMIERE, BRICK_LANE_SUPPLY, SUNSET_OUTLET).contains(vendorId);
    }

    /** The seeded owner of a demo vendor. */
    public static String ownerOf(String vendorId) {
        return switch (vendorId) {
            case NORDIC_GOODS -> NORDIC_OWNER;
            case ATELIER_LUMIERE -> "atelier-owner";
            case BRICK_LANE_SUPPLY -> "bricklane-owner";
            case SUNSET_OUTLET -> "sunset-owner";
            default -> throw new IllegalArgumentException("not a demo vendor: " + vendorId);
        };
    }

    private DemoCatalog() {
    }

}
