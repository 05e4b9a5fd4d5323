package dev.surge.inventory;

import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.Sku;

/**
 * Key names. Everything a script touches carries the hash tag of one SKU ({@code {SKU}}),
 * so each script call stays within one Redis Cluster slot: a SKU's stock, and the record
 * and expiry index of a slot group tagged by the group's first SKU (on a single Redis,
 * where slots do not matter, by one tag for all).
 */
record InventoryKeys(String prefix) {

    String stock(Sku sku) {
        return prefix + "inv:{" + sku.value() + "}";
    }

    /**
     * Who holds or bought units of a SKU with a per-buyer limit: buyer to holds, in the
     * SKU's slot.
     */
    String buyers(Sku sku) {
        return stock(sku) + ":buyers";
    }

    /**
     * A SKU's waiting room: a sorted set of queue tokens by the instant each is admitted,
     * in the SKU's slot. (Named apart from the hash the rooms were before, so a running
     * room of the older kind is never read as the newer one.)
     */
    String waitingRoom(Sku sku) {
        return stock(sku) + ":places";
    }

    /**
     * A buyer's open holds (reservation id to expiry), in a slot of the buyer's own; on a
     * single Redis the reserve and settle scripts keep it with the hold.
     */
    String openHolds(String buyer) {
        return prefix + "inv:open:{" + buyer + "}";
    }

    String record(String tag, ReservationId id) {
        return prefix + "inv:{" + tag + "}:res:" + id;
    }

    String expiring(String tag) {
        return prefix + "inv:{" + tag + "}:expiring";
    }

    /** Where a reservation's slot groups are written down; in a slot of its own. */
    String directory(ReservationId id) {
        return prefix + "inv:dir:{" + id + "}";
    }

    /** Present while Redis holds the counters loaded from the stock of record. */
    String countersLoaded() {
        return prefix + "inv:counters-loaded";
    }

    /**
     * The tags of every slot group that may hold expiring reservations, for the sweeper.
     */
    String expiringTags() {
        return prefix + "inv:expiring-tags";
    }

}
