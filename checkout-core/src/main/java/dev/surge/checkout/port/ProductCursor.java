package dev.surge.checkout.port;

import dev.surge.checkout.domain.ProductId;
import java.util.Objects;

/**
 * Where a page of products ends: the sort key (name, then id) of its last product. The
 * next page starts strictly after it, so pages neither skip nor repeat products while the
 * catalog changes underneath.
 */
public record ProductCursor(String name, ProductId id) {

    public ProductCursor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
    }
}
