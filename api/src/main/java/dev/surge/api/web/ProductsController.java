package dev.surge.api.web;

import dev.surge.checkout.application.ProductPage;
import dev.surge.checkout.application.FindProducts;
import dev.surge.checkout.application.SearchProducts;
import dev.surge.checkout.port.ProductSearch;
import org.springframework.util.MultiValueMap;
import dev.surge.checkout.application.ShowProduct;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.ProductQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Currency;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public catalog: approved products of approved vendors, priced in the asked
 * currency, with availability at most {@code surge.catalog.availability-max-age} old.
 * Every answer may be cached (see {@link CacheableJson}); whatever a cached page showed,
 * checkout prices against the catalog of record and refuses a superseded price.
 */
@RestController
@RequestMapping(path = "/api/v1/products", produces = "application/json")
@Tag(name = "Catalog", description = "Browse approved products; public, no token needed")
public class ProductsController {

    private final SearchProducts searchProducts;

    private final FindProducts findProducts;

    private final ShowProduct showProduct;

    private final CatalogProperties catalog;

    private final CacheableJson answers;

    public ProductsController(SearchProducts searchProducts, FindProducts findProducts, ShowProduct showProduct,
            CatalogProperties catalog, JsonMapper json) {
        this.searchProducts = searchProducts;
        this.findProducts = findProducts;
        this.showProduct = showProduct;
        this.catalog = catalog;
        this.answers = new CacheableJson(json, catalog);
    }

    @GetMapping
    @Operation(summary = "Search the catalog",
            description = "Without q, filters or facets: ordered by name, then id, from the catalog in memory. "
                    + "With q (English words, stemmed; a typo falls back to the nearest names), minPrice/maxPrice "
                    + "(minor units, the lowest variant price), attr.{name}=value, sort (relevance, name, price, "
                    + "-price, newest) or facets=true: the search engine, with facet counts over the whole result. "
                    + "Pass nextCursor back as cursor with the same parameters for the next page.")
    @ApiResponse(responseCode = "200", description = "A page of products; cacheable, with an ETag",
            content = @Content(schema = @Schema(implementation = ProductSearchJson.class)))
    public Mono<ResponseEntity<byte[]>> list(@RequestParam(required = false) @Size(max = 200) @Nullable String q,
            @RequestParam(required = false) @Nullable UUID vendorId,
            @RequestParam(required = false) @Size(max = 100) @Nullable String category,
            @RequestParam(required = false) @Nullable String currency,
            @RequestParam(required = false) @Min(0) @Nullable Long minPrice,
            @RequestParam(required = false) @Min(0) @Nullable Long maxPrice,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable Boolean facets,
            @RequestParam(required = false) @Size(max = 1000) @Nullable String cursor,
            @RequestParam(required = false) @Min(1) @Max(ProductQuery.MAX_LIMIT) @Nullable Integer limit,
            @RequestParam MultiValueMap<String, String> parameters) {
        Map<String, String> attributes = attributes(parameters);
        boolean searching = (q != null && !q.isBlank()) || Boolean.TRUE.equals(facets) || minPrice != null
                || maxPrice != null || !attributes.isEmpty() || (sort != null && !sort.isBlank());
        int size = limit == null ? catalog.defaultPageSize() : limit;
        if (searching) {
            return Mono
                .fromSupplier(() -> new ProductSearch.Query(Optional.ofNullable(q),
                        Optional.ofNullable(vendorId).map(VendorId::new), Optional.ofNullable(category),
                        currency(currency), minPrice, maxPrice, attributes, sortOf(sort, q),
                        Boolean.TRUE.equals(facets), Optional.ofNullable(cursor), size))
                .flatMap(query -> findProducts.find(query)
                    .onErrorMap(IllegalArgumentException.class,
                            badCursor -> new ApiProblem(ProblemType.INVALID_CURSOR,
                                    "The cursor was not handed out by this API for this search.",
                                    Map.of("cursor", String.valueOf(cursor)))))
                .map(found -> answers.ok(new ProductSearchJson(found.products().stream().map(ProductJson::of).toList(),
                        found.next().orElse(null), found.facets().map(ProductSearchJson.FacetsJson::of).orElse(null))));
        }
        return Mono
            .fromSupplier(() -> new ProductQuery(Optional.ofNullable(q),
                    Optional.ofNullable(vendorId).map(VendorId::new), Optional.ofNullable(category), currency(currency),
                    Optional.ofNullable(cursor).map(ProductCursors::decode), size))
            .flatMap(searchProducts::search)
            .map(page -> answers.ok(toJson(page)));
    }

    /**
     * {@code attr.color=blue} parameters: at most 10, names and values of at most 50 and
     * 200 characters.
     */
    private static Map<String, String> attributes(MultiValueMap<String, String> parameters) {
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (name.startsWith("attr.") && !values.isEmpty()) {
                String attribute = name.substring("attr.".length());
                String value = values.getFirst();
                if (attribute.isBlank() || attribute.length() > 50 || value == null || value.isBlank()
                        || value.length() > 200) {
                    throw invalid(name,
                            "an attribute filter is attr.{name}=value, name 1-50 and value 1-200 " + "characters");
                }
                attributes.put(attribute, value.strip());
            }
        });
        if (attributes.size() > 10) {
            throw invalid("attr", "at most 10 attribute filters");
        }
        return attributes;
    }

    private static ProductSearch.Sort sortOf(@Nullable String sort, @Nullable String q) {
        if (sort == null || sort.isBlank()) {
            return q == null || q.isBlank() ? ProductSearch.Sort.NAME : ProductSearch.Sort.RELEVANCE;
        }
        return switch (sort.strip()) {
            case "relevance" -> ProductSearch.Sort.RELEVANCE;
            case "name" -> ProductSearch.Sort.NAME;
            case "price" -> ProductSearch.Sort.PRICE;
            case "-price" -> ProductSearch.Sort.PRICE_DESCENDING;
            case "newest" -> ProductSearch.Sort.NEWEST;
            default -> throw invalid("sort", "must be one of relevance, name, price, -price, newest");
        };
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(ProblemType.VALIDATION_FAILED, field + ": " + message,
                Map.of("errors", List.of(new Problems.FieldError(field, message))));
    }

    @GetMapping("/{productId}")
    @Operation(summary = "Show one product with its variants, prices and availability")
    @ApiResponse(responseCode = "200", description = "The product; cacheable, with an ETag",
            content = @Content(schema = @Schema(implementation = ProductJson.class)))
    public Mono<ResponseEntity<byte[]>> show(@PathVariable UUID productId,
            @RequestParam(required = false) @Nullable String currency) {
        return Mono.fromSupplier(() -> currency(currency))
            .flatMap(selected -> showProduct.show(new ProductId(productId), selected)
                .map(product -> answers.ok(ProductJson.of(product)))
                .switchIfEmpty(Mono.error(() -> new ApiProblem(ProblemType.PRODUCT_NOT_FOUND,
                        "Product " + productId + " is not listed, or not sold in " + selected.getCurrencyCode() + ".",
                        Map.of("productId", productId.toString())))));
    }

    private Currency currency(@Nullable String code) {
        return catalog.offered(code);
    }

    private static ProductListJson toJson(ProductPage page) {
        return new ProductListJson(page.products().stream().map(ProductJson::of).toList(),
                page.next().map(ProductCursors::encode).orElse(null));
    }

}
