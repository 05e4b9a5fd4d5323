package dev.surge.api.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.surge.checkout.application.ArchiveProduct;
import dev.surge.checkout.application.CreateProduct;
import dev.surge.checkout.application.EditProduct;
import dev.surge.checkout.application.ListVendorProducts;
import dev.surge.checkout.application.SetSkuPrices;
import dev.surge.checkout.application.ShowVendorProduct;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.ProductStatus;
import dev.surge.checkout.domain.VendorRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Vendors manage their products: create, edit (moderated), archive, and set prices (at
 * once). Another vendor's product answers 404.
 */
@RestController
@Tag(name = "Vendor products", description = "Products, variants, prices and stock, with moderation")
@SecurityRequirement(name = "bearer")
public class VendorProductsController {

    private static final int DEFAULT_LIMIT = 20;

    private final CreateProduct createProduct;

    private final EditProduct editProduct;

    private final ArchiveProduct archiveProduct;

    private final ShowVendorProduct showVendorProduct;

    private final ListVendorProducts listVendorProducts;

    private final SetSkuPrices setSkuPrices;

    private final CatalogProperties catalog;

    public VendorProductsController(CreateProduct createProduct, EditProduct editProduct, ArchiveProduct archiveProduct,
            ShowVendorProduct showVendorProduct, ListVendorProducts listVendorProducts, SetSkuPrices setSkuPrices,
            CatalogProperties catalog) {
        this.createProduct = createProduct;
        this.editProduct = editProduct;
        this.archiveProduct = archiveProduct;
        this.showVendorProduct = showVendorProduct;
        this.listVendorProducts = listVendorProducts;
        this.setSkuPrices = setSkuPrices;
        this.catalog = catalog;
    }

    public record ProductsJson(List<VendorProductJson> items, @Nullable String nextCursor) {
    }

    public record PricesRequest(@NotNull @Size(max = 20) @Valid @Nullable List<ProductWriteJson.PriceJson> prices) {
    }

    public record PricesJson(String sku, List<MoneyJson> prices) {
    }

    @PostMapping(path = "/api/v1/vendor/products", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Add a product (editors)",
            description = "PENDING_APPROVAL, or DRAFT when submit is false (APPROVED at once for vendors the "
                    + "operator lets through). SKUs are unique across the marketplace (409 sku-taken).")
    public Mono<ResponseEntity<VendorProductJson>> create(@ActingMember(VendorRole.EDITOR) Membership member,
            @Valid @RequestBody ProductWriteJson request) {
        return Mono.fromCallable(() -> request.content(catalog))
            .flatMap(content -> createProduct.create(member, content, request.submitted()))
            .map(outcome -> ResponseEntity.status(HttpStatus.CREATED)
                .body(VendorProductJson.of(ProductOutcomes.written(outcome, null))));
    }

    @GetMapping(path = "/api/v1/vendor/products", produces = "application/json")
    @Operation(summary = "Your products, any status, with the change that waits for review")
    public Mono<ProductsJson> list(@ActingMember Membership member,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Size(max = 100) @Nullable String cursor,
            @RequestParam(required = false) @Min(1) @Max(100) @Nullable Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        UUID after = Cursors.uuid(cursor);
        return listVendorProducts
            .list(member.vendor(), statusOf(status), after == null ? null : new ProductId(after), size)
            .map(products -> new ProductsJson(products.stream().map(VendorProductJson::of).toList(),
                    products.size() < size ? null : Cursors.of(products.getLast().id())));
    }

    @GetMapping(path = "/api/v1/vendor/products/{productId}", produces = "application/json")
    @Operation(summary = "One of your products (editors)")
    public Mono<VendorProductJson> show(@ActingMember(VendorRole.EDITOR) Membership member,
            @PathVariable UUID productId) {
        return showVendorProduct.show(member.vendor(), new ProductId(productId))
            .map(VendorProductJson::of)
            .switchIfEmpty(Mono.error(() -> ProductOutcomes.problem(
                    new dev.surge.checkout.application.ProductWrites.Outcome.NoSuchProduct(),
                    new ProductId(productId))));
    }

    @PutMapping(path = "/api/v1/vendor/products/{productId}", consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Edit a product (editors; same body as creating it)",
            description = "An approved product stays on sale as approved; the edit waits as pendingChange, "
                    + "except prices and stock, which apply at once.")
    public Mono<VendorProductJson> edit(@ActingMember(VendorRole.EDITOR) Membership member,
            @PathVariable UUID productId, @Valid @RequestBody ProductWriteJson request) {
        ProductId id = new ProductId(productId);
        return Mono.fromCallable(() -> request.content(catalog))
            .flatMap(content -> editProduct.edit(member, id, content, request.submitted()))
            .map(outcome -> VendorProductJson.of(ProductOutcomes.written(outcome, id)));
    }

    @DeleteMapping(path = "/api/v1/vendor/products/{productId}", produces = "application/json")
    @Operation(summary = "Archive a product (editors): off sale for good; placed orders go on")
    public Mono<VendorProductJson> archive(@ActingMember(VendorRole.EDITOR) Membership member,
            @PathVariable UUID productId) {
        ProductId id = new ProductId(productId);
        return archiveProduct.archive(member, id)
            .map(outcome -> VendorProductJson.of(ProductOutcomes.written(outcome, id)));
    }

    @PutMapping(path = "/api/v1/vendor/skus/{sku}/prices", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Set a SKU's prices, one per currency (editors); applies at once, no review")
    public Mono<PricesJson> setPrices(@ActingMember(VendorRole.EDITOR) Membership member, @PathVariable String sku,
            @Valid @RequestBody PricesRequest request) {
        return Mono
            .fromCallable(() -> Map.entry(VendorStockController.skuOf(sku),
                    ProductWriteJson.checkedPrices(request.prices(), catalog)))
            .flatMap(priced -> setSkuPrices.set(member, priced.getKey(), priced.getValue()).map(owned -> {
                if (!owned) {
                    throw VendorStockController.notFound(sku);
                }
                return new PricesJson(sku, priced.getValue().stream().map(MoneyJson::of).toList());
            }));
    }

    private static @Nullable ProductStatus statusOf(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ProductStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED,
                    "status: must be one of DRAFT, PENDING_APPROVAL, APPROVED, REJECTED, ARCHIVED",
                    Map.of("errors", List.of(new Problems.FieldError("status",
                            "must be one of DRAFT, PENDING_APPROVAL, APPROVED, REJECTED, ARCHIVED"))));
        }
    }

}
