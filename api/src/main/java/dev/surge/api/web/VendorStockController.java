package dev.surge.api.web;

import dev.surge.api.web.Problems.FieldError;
import dev.surge.checkout.application.SetPurchaseLimit;
import dev.surge.checkout.application.SetStockOnHand;
import dev.surge.checkout.domain.PurchaseLimit;
import dev.surge.checkout.domain.Quantity;
import java.time.Duration;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A vendor's stock counts for its own SKUs. */
@RestController
@Tag(name = "Vendor stock", description = "Vendors set the units on hand of their own SKUs")
@SecurityRequirement(name = "bearer")
public class VendorStockController {

    private final SetStockOnHand setStockOnHand;

    private final SetPurchaseLimit setPurchaseLimit;

    public VendorStockController(SetStockOnHand setStockOnHand, SetPurchaseLimit setPurchaseLimit) {
        this.setStockOnHand = setStockOnHand;
        this.setPurchaseLimit = setPurchaseLimit;
    }

    /**
     * A SKU's per-buyer limit: at most {@code perBuyer} units per buyer (a signed-in
     * customer, or a guest's e-mail address) held or bought within {@code windowHours}
     * (24 by default); {@code perBuyer} null removes the limit.
     */
    public record LimitRequest(@Min(1) @Max(Quantity.MAX) @Nullable Integer perBuyer,
            @Min(1) @Max(720) @Nullable Integer windowHours) {
    }

    /** The limit in force; {@code perBuyer} null when there is none. */
    public record LimitJson(String sku, @Nullable Integer perBuyer, @Nullable Long windowHours) {
    }

    @PutMapping(path = "/api/v1/vendor/skus/{sku}/limits", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Limit how many units of one of your SKUs one buyer may have",
            description = "Checked inside the stock hold itself, so a buyer's racing checkouts cannot pass it "
                    + "together: past it, checkout answers 409 purchase-limit. Counts the buyer's open and paid "
                    + "orders within the window, and bounds a cart's line of the SKU (409 purchase-limit). "
                    + "Operators may set it on any SKU. Idempotent; another vendor's SKU answers 404.")
    public Mono<LimitJson> setLimit(
            @ActingMember(value = VendorRole.EDITOR, orOperator = true) @Nullable Membership member,
            @PathVariable String sku, @Valid @RequestBody LimitRequest request) {
        PurchaseLimit limit = request.perBuyer() == null ? null : new PurchaseLimit(request.perBuyer(),
                request.windowHours() == null ? PurchaseLimit.DEFAULT_WINDOW : Duration.ofHours(request.windowHours()));
        return Mono.fromCallable(() -> skuOf(sku))
            .flatMap(valid -> member == null ? setPurchaseLimit.setForAnyVendor(valid, limit)
                    : setPurchaseLimit.set(member.vendor(), valid, limit))
            .map(result -> switch (result) {
                case SetPurchaseLimit.Result.Set set ->
                    new LimitJson(set.sku().value(), set.limit() == null ? null : set.limit().perBuyer(),
                            set.limit() == null ? null : set.limit().window().toHours());
                case SetPurchaseLimit.Result.NotTheVendorsSku unknown -> throw notFound(sku);
            });
    }

    /** The count: units physically on hand, reservations not subtracted. */
    public record StockRequest(@NotNull @Min(0) @Max(10_000_000) @Nullable Integer onHand) {
    }

    /** What the SKU holds now; {@code available} is on hand minus live reservations. */
    public record StockJson(String sku, int onHand, int available) {
    }

    @PutMapping(path = "/api/v1/vendor/skus/{sku}/stock", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Set the units on hand of one of your SKUs",
            description = "Idempotent: repeat the same count after a failure. Another vendor's SKU answers 404.")
    public Mono<StockJson> setStock(@ActingMember(VendorRole.EDITOR) Membership member, @PathVariable String sku,
            @Valid @RequestBody StockRequest request) {
        return Mono.fromCallable(() -> new Request(member.vendor(), skuOf(sku), request.onHand()))
            .flatMap(valid -> setStockOnHand.set(valid.vendor(), valid.sku(), valid.onHand()))
            .map(result -> switch (result) {
                case SetStockOnHand.Result.Updated updated ->
                    new StockJson(updated.level().sku().value(), updated.level().onHand(), updated.level().available());
                case SetStockOnHand.Result.NotTheVendorsSku unknown -> throw notFound(sku);
            });
    }

    private record Request(VendorId vendor, Sku sku, int onHand) {
    }

    static Sku skuOf(String sku) {
        try {
            return Sku.of(sku);
        }
        catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "sku: not a valid SKU", Map.of("errors",
                    List.of(new FieldError("sku", "must be 2-64 upper-case letters, digits, dashes or underscores"))));
        }
    }

    static ApiProblem notFound(String sku) {
        return new ApiProblem(ProblemType.SKU_NOT_FOUND, "You sell no SKU " + sku + ".", Map.of("sku", sku));
    }

}
