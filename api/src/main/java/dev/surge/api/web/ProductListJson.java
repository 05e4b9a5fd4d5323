package dev.surge.api.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of products; {@code nextCursor} is null on the last page. */
public record ProductListJson(List<ProductJson> items, @Nullable String nextCursor) {
}
