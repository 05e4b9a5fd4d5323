package dev.surge.api.web;

import java.util.List;
import java.util.Map;

import dev.surge.checkout.application.ProductWrites;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.VendorProduct;

/** How a product write's outcome is answered, the same for vendors and operators. */
final class ProductOutcomes {

    private ProductOutcomes() {
    }

    /**
     * The product written.
     * @throws ApiProblem for every other outcome
     */
    static VendorProduct written(ProductWrites.Outcome outcome, ProductId id) {
        if (outcome instanceof ProductWrites.Outcome.Written written) {
            return written.product();
        }
        throw problem(outcome, id);
    }

    static ApiProblem problem(ProductWrites.Outcome outcome, ProductId id) {
        return switch (outcome) {
            case ProductWrites.Outcome.Written written ->
                throw new IllegalArgumentException("a written product is no problem");
            case ProductWrites.Outcome.UnknownCategory unknown -> new ApiProblem(ProblemType.VALIDATION_FAILED,
                    "category: '" + unknown.category() + "' is not a category of this marketplace",
                    Map.of("errors", List.of(new Problems.FieldError("category",
                            "not a category of this marketplace: " + unknown.category()))));
            case ProductWrites.Outcome.SkusTaken taken -> new ApiProblem(ProblemType.SKU_TAKEN,
                    "SKUs are unique across the marketplace; another product has "
                            + String.join(", ", taken.skus().stream().map(Sku::value).toList()) + ".",
                    Map.of("skus", taken.skus().stream().map(Sku::value).toList()));
            case ProductWrites.Outcome.NoSuchProduct none -> new ApiProblem(ProblemType.PRODUCT_NOT_FOUND,
                    "There is no product " + id + " for you.", Map.of("productId", id.toString()));
            case ProductWrites.Outcome.NotAllowed refused -> new ApiProblem(ProblemType.PRODUCT_STATE_CONFLICT,
                    "The product is " + refused.product().status()
                            + (refused.product().awaitsReview() ? "" : " with nothing waiting for review")
                            + "; that is not possible now.",
                    Map.of("productId", id.toString(), "productStatus", refused.product().status().name()));
        };
    }

}
