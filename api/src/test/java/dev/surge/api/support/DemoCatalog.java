package dev.surge.api.support;

/** Facts of the seeded demo catalog (db/demo) that tests and the README rely on. */
public final class DemoCatalog {

    public static final String NORDIC_GOODS = "11111111-1111-4111-8111-111111111111";

    public static final String ATELIER_LUMIERE = "22222222-2222-4222-8222-222222222222";

    public static final String BRICK_LANE_SUPPLY = "33333333-3333-4333-8333-333333333333";

    /** A vendor still waiting for approval: its products must never be listed. */
    public static final String SUNSET_OUTLET = "44444444-4444-4444-8444-444444444444";

    public static final int LISTED_PRODUCTS = 60;

    private DemoCatalog() {
    }

}
