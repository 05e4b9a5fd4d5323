package dev.surge.api.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.surge.checkout.port.ProductSearch;
import org.jspecify.annotations.Nullable;

/**
 * A page of a search; {@code facets} (when asked) count the whole result: per vendor
 * (with its name as label), category, price range (lowest variant price, minor units of
 * the asked currency, {@code to} exclusive, absent on the last range) and attribute
 * value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductSearchJson(List<ProductJson> items, @Nullable String nextCursor, @Nullable FacetsJson facets) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CountJson(String value, @Nullable String label, long count) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RangeJson(long from, @Nullable Long to, long count) {
    }

    public record FacetsJson(List<CountJson> vendor, List<CountJson> category, List<RangeJson> price,
            Map<String, List<CountJson>> attributes) {

        static FacetsJson of(ProductSearch.Facets facets) {
            Map<String, List<CountJson>> attributes = new LinkedHashMap<>();
            facets.attributes().forEach((name, counts) -> attributes.put(name, counts(counts)));
            return new FacetsJson(counts(facets.vendors()), counts(facets.categories()),
                    facets.prices()
                        .stream()
                        .map(range -> new RangeJson(range.from(), range.to(), range.count()))
                        .toList(),
                    attributes);
        }

        private static List<CountJson> counts(List<ProductSearch.Count> counts) {
            return counts.stream().map(count -> new CountJson(count.value(), count.label(), count.count())).toList();
        }

    }

}
