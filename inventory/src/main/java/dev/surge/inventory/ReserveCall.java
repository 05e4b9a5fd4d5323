package dev.surge.inventory;

import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * One call of the reserve script for one slot group: the keys and arguments the script
 * takes (see reserve.lua).
 */
record ReserveCall(ReservationId id, ReservationPlan.Group group, List<String> keys, List<String> args) {

    ReserveCall {
        keys = List.copyOf(keys);
        args = List.copyOf(args);
    }

    /**
     * A single Redis: the whole reservation in one group, held until Redis's now plus the
     * TTL, with its directory entry, the group's place in the sweeper's registry and,
     * when they are bounded, the buyer's open holds.
     */
    static ReserveCall single(InventoryKeys keys, ReservationId id, ReservationPlan plan, Duration ttl,
            Duration retention, HoldClock clock, Shopper shopper, ToLongFunction<Sku> seenSold) {
        ReservationPlan.Group group = plan.groups().getFirst();
        List<String> scriptKeys = new ArrayList<>(groupKeys(keys, group, id));
        scriptKeys.add(keys.directory(id));
        scriptKeys.add(keys.expiringTags());
        String openHoldsAllowed = "";
        if (shopper.boundsOpenHolds()) {
            scriptKeys.add(keys.openHolds(shopper.buyer()));
            openHoldsAllowed = Integer.toString(shopper.openHoldsAllowed());
        }
        return new ReserveCall(id, group, scriptKeys, args(id, group, clock, Long.toString(ttl.toMillis()), "",
                retention, plan.encode(shopper.openHolder().orElse(null)), shopper, openHoldsAllowed, seenSold));
    }

    /**
     * One group of a cluster reservation, held until the expiry its directory entry
     * fixed.
     */
    static ReserveCall clusterGroup(InventoryKeys keys, ReservationId id, ReservationPlan.Group group,
            Instant expiresAt, Duration retention, HoldClock clock, Shopper shopper, ToLongFunction<Sku> seenSold) {
        // The caller keeps the buyer's open holds, in their own slot.
        return new ReserveCall(id, group, groupKeys(keys, group, id), args(id, group, clock, "0",
                Long.toString(expiresAt.toEpochMilli()), retention, "", shopper, "", seenSold));
    }

    /**
     * The keys both the reserve and the settle script start with: the group's record, its
     * expiry index, each line's stock, each line's buyers (per-buyer limits), each line's
     * waiting room.
     */
    static List<String> groupKeys(InventoryKeys keys, ReservationPlan.Group group, ReservationId id) {
        List<String> groupKeys = new ArrayList<>();
        groupKeys.add(keys.record(group.tag(), id));
        groupKeys.add(keys.expiring(group.tag()));
        group.lines().forEach(line -> groupKeys.add(keys.stock(line.sku())));
        group.lines().forEach(line -> groupKeys.add(keys.buyers(line.sku())));
        group.lines().forEach(line -> groupKeys.add(keys.waitingRoom(line.sku())));
        return groupKeys;
    }

    /**
     * Who reserves: the buyer the per-buyer limits count ('' none), the queue token they
     * hold ('' none), a fresh random part for a token to give them, how long an admission
     * stays valid, and how many holds the buyer may have at once (0: no bound).
     */
    record Shopper(String buyer, String queueToken, String freshToken, Duration admissionValidity,
            int openHoldsAllowed) {

        static final Shopper NOBODY = new Shopper("", "", "unused", Duration.ofMinutes(10), 0);

        boolean boundsOpenHolds() {
            return !buyer.isEmpty() && openHoldsAllowed > 0;
        }

        /** The buyer whose open holds this hold counts among, when they are bounded. */
        Optional<String> openHolder() {
            return boundsOpenHolds() ? Optional.of(buyer) : Optional.empty();
        }

    }

    String[] keyArray() {
        return keys.toArray(String[]::new);
    }

    String[] argArray() {
        return args.toArray(String[]::new);
    }

    /**
     * {@code seenSold}: each SKU's tally of units sold as this process last saw the store
     * answer it (0 when never), so a store that went back in time refuses to hold.
     */
    private static List<String> args(ReservationId id, ReservationPlan.Group group, HoldClock clock, String ttl,
            String expiresAt, Duration retention, String directoryGroups, Shopper shopper, String openHoldsAllowed,
            ToLongFunction<Sku> seenSold) {
        List<String> args = new ArrayList<>(
                List.of(id.toString(), clock.now(), ttl, expiresAt, Long.toString(retention.toMillis()),
                        group.encodedLines(), directoryGroups, group.tag(), shopper.buyer(), shopper.queueToken(),
                        shopper.freshToken(), Long.toString(shopper.admissionValidity().toMillis()), openHoldsAllowed));
        group.lines().forEach(line -> args.add(Integer.toString(line.quantity().value())));
        group.lines().forEach(line -> args.add(Long.toString(seenSold.applyAsLong(line.sku()))));
        return args;
    }

}
