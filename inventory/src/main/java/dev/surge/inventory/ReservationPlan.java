package dev.surge.inventory;

import dev.surge.checkout.domain.Quantity;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.Sku;
import io.lettuce.core.cluster.SlotHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * How one reservation is laid out in Redis: its lines split into groups whose keys share
 * a cluster slot (one group on a single Redis), each group tagged by its first SKU (by
 * {@link #SINGLE_REDIS_TAG} on a single Redis). The plan is written down in the
 * reservation's directory entry after the hold's expiry
 * ({@code expiresAt;TAG=lines;TAG=lines}, then {@code ;@buyer} when the hold counts among
 * the buyer's open holds), so release and commit find every group and the buyer's open
 * holds, and a retry can tell the same request from another one under the same id.
 */
record ReservationPlan(List<Group> groups) {

    /**
     * On a single Redis every reservation is one group under this one tag, so the sweeper
     * looks at one expiry index per pass instead of one per SKU that ever came first in a
     * reservation (150 SKUs made 150 script calls a second). On a cluster a group is
     * tagged by its first SKU, which names its slot.
     */
    static final String SINGLE_REDIS_TAG = "all";

    ReservationPlan {
        groups = List.copyOf(groups);
    }

    /** Lines sharing a slot; the tag names the slot in every key of the group. */
    record Group(String tag, List<ReservationLine> lines) {

        Group {
            lines = List.copyOf(lines);
        }

        /**
         * The lines as the reservation record keeps them, e.g. {@code MUG-1:2,TEE-M:1}.
         */
        String encodedLines() {
            return lines.stream()
                .map(line -> line.sku().value() + ":" + line.quantity().value())
                .collect(Collectors.joining(","));
        }

        static Group decode(String tag, String encodedLines) {
            List<ReservationLine> lines = new ArrayList<>();
            for (String line : encodedLines.split(",")) {
                int colon = line.lastIndexOf(':');
                lines.add(new ReservationLine(Sku.of(line.substring(0, colon)),
                        Quantity.of(Integer.parseInt(line.substring(colon + 1)))));
            }
            return new Group(tag, lines);
        }

    }

    /**
     * Plans {@code lines}: sorted by SKU so every caller groups and orders them alike,
     * then one group per cluster slot, or a single group when Redis is not a cluster.
     */
    static ReservationPlan of(List<ReservationLine> lines, boolean cluster) {
        List<ReservationLine> sorted = lines.stream().sorted(Comparator.comparing(line -> line.sku().value())).toList();
        if (!cluster) {
            return new ReservationPlan(List.of(new Group(SINGLE_REDIS_TAG, sorted)));
        }
        Map<Integer, List<ReservationLine>> bySlot = new LinkedHashMap<>();
        for (ReservationLine line : sorted) {
            bySlot.computeIfAbsent(SlotHash.getSlot(line.sku().value()), slot -> new ArrayList<>()).add(line);
        }
        return new ReservationPlan(
                bySlot.values().stream().map(group -> new Group(group.getFirst().sku().value(), group)).toList());
    }

    /**
     * {@code TAG=lines;TAG=lines}, as the directory entry keeps it after the expiry:
     * equal for a retry of the same request.
     */
    String encode() {
        return groups.stream().map(group -> group.tag() + "=" + group.encodedLines()).collect(Collectors.joining(";"));
    }

    /**
     * As {@link #encode()}, followed by the buyer whose open holds the hold counts among,
     * if it does ({@code null}: it does not).
     */
    String encode(@Nullable String openHolder) {
        return openHolder == null ? encode() : encode() + ";" + OPEN_HOLDER + openHolder;
    }

    private static final String OPEN_HOLDER = "@";

    /**
     * The buyer whose open holds the hold a directory entry belongs to counts among, if
     * it does.
     */
    static Optional<String> openHolderInDirectory(String entry) {
        int at = entry.lastIndexOf(";" + OPEN_HOLDER);
        return at < 0 ? Optional.empty() : Optional.of(entry.substring(at + 1 + OPEN_HOLDER.length()));
    }

    /** The plan a directory entry keeps. */
    static ReservationPlan fromDirectory(String entry) {
        String[] parts = entry.split(";");
        List<Group> groups = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith(OPEN_HOLDER)) {
                continue;
            }
            int equals = parts[i].indexOf('=');
            groups.add(Group.decode(parts[i].substring(0, equals), parts[i].substring(equals + 1)));
        }
        return new ReservationPlan(groups);
    }

    /** When the hold a directory entry belongs to ends. */
    static Instant expiryInDirectory(String entry) {
        return Instant.ofEpochMilli(Long.parseLong(entry.substring(0, entry.indexOf(';'))));
    }

    List<ReservationLine> lines() {
        return groups.stream().flatMap(group -> group.lines().stream()).toList();
    }

}
