package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * A line over its SKU's per-buyer limit: what was asked, and how many more units this
 * buyer may still take (zero when the limit is used up).
 */
public record CappedLine(Sku sku, int requested, int allowed) {

    public CappedLine {
        Objects.requireNonNull(sku, "sku");
        if (allowed < 0 || requested <= allowed) {
            throw new IllegalArgumentException("not over the limit: requested " + requested + ", allowed " + allowed);
        }
    }

}
