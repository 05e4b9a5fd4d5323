package dev.surge.api.web;

import dev.surge.checkout.application.ProductPage;
import dev.surge.checkout.application.SearchProducts;
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

    private final ShowProduct showProduct;

    private final CatalogProperties catalog;

    private final CacheableJson answers;

    public ProductsController(SearchProducts searchProducts, ShowProduct showProduct, CatalogProperties catalog,
            JsonMapper json) {
        this.searchProducts = searchProducts;
        this.showProduct = showProduct;
        this.catalog = catalog;
        this.answers = new CacheableJson(json, catalog);
    }

    @GetMapping
    @Operation(summary = "Search the catalog",
            description = "Ordered by name, then id; pass nextCursor back as cursor for the next page. "
                    + "q matches name, description or category; currency must be one the catalog is sold in.")
    @ApiResponse(responseCode = "200", description = "A page of products; cacheable, with an ETag",
            content = @Content(schema = @Schema(implementation = ProductListJson.class)))
    public Mono<ResponseEntity<byte[]>> list(@RequestParam(required = false) @Size(max = 200) @Nullable String q,
            @RequestParam(required = false) @Nullable UUID vendorId,
            @RequestParam(required = false) @Size(max = 100) @Nullable String category,
            @RequestParam(required = false) @Nullable String currency,
            @RequestParam(required = false) @Size(max = 1000) @Nullable String cursor,
            @RequestParam(required = false) @Min(1) @Max(ProductQuery.MAX_LIMIT) @Nullable Integer limit) {
        return Mono
            .fromSupplier(() -> new ProductQuery(Optional.ofNullable(q),
                    Optional.ofNullable(vendorId).map(VendorId::new), Optional.ofNullable(category), currency(currency),
                    Optional.ofNullable(cursor).map(ProductCursors::decode),
                    limit == null ? catalog.defaultPageSize() : limit))
            .flatMap(searchProducts::search)
            .map(page -> answers.ok(toJson(page)));
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
