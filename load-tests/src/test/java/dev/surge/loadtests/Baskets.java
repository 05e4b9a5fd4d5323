package dev.surge.loadtests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Baskets drawn from the live catalog: 1-4 lines, each from another vendor as long as
 * there are vendors left, so most checkouts split into several sub-orders as real
 * marketplace baskets do.
 */
final class Baskets {

    /** One basket line as the simulations send it. */
    record Line(String sku, int quantity) {

        String json() {
            return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}";
        }

    }

    private volatile Map<String, List<String>> skusByVendor = Map.of();

    /**
     * Reads the catalog and keeps the SKUs with at least {@code minAvailable} units. With
     * {@code restockTo} above zero and Surge in demo mode, first sets every SKU's stock
     * on hand to that, so a long run never sells the catalog out (which would turn
     * checkouts into intended 409s and hide the figures this run is for).
     */
    void load(SurgeClient surge, int minAvailable, int restockTo) {
        List<SurgeClient.Variant> catalog = surge.catalog();
        boolean restock = restockTo > 0 && !catalog.isEmpty()
                && surge.vendorToken(catalog.getFirst().vendorId()).isPresent();
        List<SurgeClient.Variant> sellable = new ArrayList<>();
        for (SurgeClient.Variant variant : catalog) {
            int available = restock ? surge.setOnHand(variant.vendorId(), variant.sku(), restockTo)
                    : variant.available();
            if (available >= minAvailable) {
                sellable.add(variant);
            }
        }
        skusByVendor = sellable.stream()
            .collect(Collectors.groupingBy(SurgeClient.Variant::vendorId,
                    Collectors.mapping(SurgeClient.Variant::sku, Collectors.toList())));
        if (skusByVendor.isEmpty()) {
            throw new IllegalStateException("no SKU in the catalog has " + minAvailable + " units available");
        }
        System.out.printf("Baskets: %d SKUs from %d vendors (%s)%n", sellable.size(), skusByVendor.size(),
                restock ? "restocked to " + restockTo : "as found, at least " + minAvailable + " available");
    }

    /** 1-4 distinct SKUs, one unit each. */
    List<Line> next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<List<String>> vendors = new ArrayList<>(skusByVendor.values());
        Collections.shuffle(vendors, random);
        int size = 1 + random.nextInt(4);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; lines.size() < size && i < size * 4; i++) {
            List<String> skus = vendors.get(i % vendors.size());
            String sku = skus.get(random.nextInt(skus.size()));
            if (lines.stream().noneMatch(line -> line.sku().equals(sku))) {
                lines.add(new Line(sku, 1));
            }
        }
        return lines;
    }

    /** A Gatling feeder: each user takes a fresh basket under {@code lines}. */
    Iterator<Map<String, Object>> feeder() {
        return Stream.generate(() -> Map.<String, Object>of("lines", next())).iterator();
    }

}
