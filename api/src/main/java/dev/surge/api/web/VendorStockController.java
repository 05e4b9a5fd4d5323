package dev.surge.api.web;

import dev.surge.api.web.Problems.FieldError;
import dev.surge.checkout.application.SetStockOnHand;
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

    public VendorStockController(SetStockOnHand setStockOnHand) {
        this.setStockOnHand = setStockOnHand;
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
