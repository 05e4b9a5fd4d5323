package dev.surge.api.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.surge.checkout.application.ListReviewQueue;
import dev.surge.checkout.application.ProductWrites;
import dev.surge.checkout.application.ReviewProduct;
import dev.surge.checkout.application.SetAutoApproval;
import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.VendorProducts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Operators moderate products: the review queue (oldest first), approve / reject one, or
 * many at once where each succeeds or fails on its own; and which vendors skip review.
 */
@RestController
@Tag(name = "Operator: products", description = "Review queue, approve and reject, in bulk too")
@SecurityRequirement(name = "bearer")
public class AdminProductsController {

    private static final int DEFAULT_LIMIT = 20;

    private static final int MAX_BULK = 100;

    private final ListReviewQueue listReviewQueue;

    private final ReviewProduct reviewProduct;

    private final SetAutoApproval setAutoApproval;

    public AdminProductsController(ListReviewQueue listReviewQueue, ReviewProduct reviewProduct,
            SetAutoApproval setAutoApproval) {
        this.listReviewQueue = listReviewQueue;
        this.reviewProduct = reviewProduct;
        this.setAutoApproval = setAutoApproval;
    }

    public record ReasonRequest(@Size(max = 1000) @Nullable String reason) {
    }

    public record BulkRequest(
            @NotNull @Pattern(regexp = "approve|reject", message = "must be approve or reject") @Nullable String action,
            @NotEmpty @Size(max = MAX_BULK) @Nullable List<@NotNull UUID> productIds,
            @Size(max = 1000) @Nullable String reason) {
    }

    public record BulkJson(List<Map<String, Object>> results) {
    }

    public record ModerationRequest(@NotNull @Nullable Boolean autoApproveProducts) {
    }

    public record QueueJson(List<VendorProductJson> items, @Nullable String nextCursor) {
    }

    @GetMapping(path = "/api/v1/admin/products", produces = "application/json")
    @Operation(summary = "The review queue: submitted products and pending changes, oldest submission first")
    public Mono<QueueJson> queue(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable UUID vendorId,
            @RequestParam(required = false) @Size(max = 200) @Nullable String cursor,
            @RequestParam(required = false) @Min(1) @Max(100) @Nullable Integer limit) {
        if (status != null && !status.isBlank()
                && !"PENDING_APPROVAL".equals(status.strip().toUpperCase(Locale.ROOT))) {
            return Mono.error(new ApiProblem(ProblemType.VALIDATION_FAILED,
                    "status: the review queue holds PENDING_APPROVAL only",
                    Map.of("errors", List.of(new Problems.FieldError("status", "must be PENDING_APPROVAL")))));
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        return Mono.fromCallable(() -> java.util.Optional.ofNullable(position(cursor)))
            .flatMap(after -> listReviewQueue.list(vendorId == null ? null : new VendorId(vendorId), after.orElse(null),
                    size))
            .map(products -> new QueueJson(products.stream().map(VendorProductJson::of).toList(),
                    products.size() < size || products.getLast().submittedAt() == null ? null
                            : Cursors.of(products.getLast().submittedAt(), products.getLast().id().value())));
    }

    @PostMapping(path = "/api/v1/admin/products/{productId}/approve", produces = "application/json")
    @Operation(summary = "Approve a submitted product or an approved product's pending change")
    public Mono<VendorProductJson> approve(@PathVariable UUID productId, @AuthenticationPrincipal Jwt token) {
        ProductId id = new ProductId(productId);
        return reviewProduct.review(Actor.operator(token.getSubject()), id, ReviewProduct.Verdict.APPROVE, null)
            .map(outcome -> VendorProductJson.of(ProductOutcomes.written(outcome, id)));
    }

    @PostMapping(path = "/api/v1/admin/products/{productId}/reject", produces = "application/json")
    @Operation(summary = "Reject a submitted product or a pending change, with a reason the vendor reads")
    public Mono<VendorProductJson> reject(@PathVariable UUID productId,
            @RequestBody(required = false) @Valid @Nullable ReasonRequest request, @AuthenticationPrincipal Jwt token) {
        ProductId id = new ProductId(productId);
        String reason = request == null ? null : request.reason();
        if (reason == null || reason.isBlank()) {
            return Mono.error(reasonRequired());
        }
        return reviewProduct
            .review(Actor.operator(token.getSubject()), id, ReviewProduct.Verdict.REJECT, reason.strip())
            .map(outcome -> VendorProductJson.of(ProductOutcomes.written(outcome, id)));
    }

    @PostMapping(path = "/api/v1/admin/products/bulk", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Approve or reject up to 100 products; each succeeds or fails on its own")
    public Mono<BulkJson> bulk(@Valid @RequestBody BulkRequest request, @AuthenticationPrincipal Jwt token) {
        ReviewProduct.Verdict verdict = "approve".equals(request.action()) ? ReviewProduct.Verdict.APPROVE
                : ReviewProduct.Verdict.REJECT;
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        if (verdict == ReviewProduct.Verdict.REJECT && reason == null) {
            return Mono.error(reasonRequired());
        }
        Actor operator = Actor.operator(token.getSubject());
        return Flux.fromIterable(request.productIds().stream().distinct().toList())
            .concatMap(productId -> reviewProduct.review(operator, new ProductId(productId), verdict, reason)
                .map(outcome -> result(productId, outcome))
                .onErrorResume(failure -> Mono.just(result(productId, failure))))
            .collectList()
            .map(BulkJson::new);
    }

    @PutMapping(path = "/api/v1/admin/vendors/{vendorId}/moderation", consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Let a vendor's products and edits through without review, or not")
    public Mono<VendorJson> moderation(@PathVariable UUID vendorId, @Valid @RequestBody ModerationRequest request,
            @AuthenticationPrincipal Jwt token) {
        return setAutoApproval
            .set(Actor.operator(token.getSubject()), new VendorId(vendorId), request.autoApproveProducts())
            .map(VendorJson::of)
            .switchIfEmpty(Mono.error(() -> new ApiProblem(ProblemType.VENDOR_NOT_FOUND,
                    "There is no vendor " + vendorId + ".", Map.of("vendorId", vendorId.toString()))));
    }

    private static Map<String, Object> result(UUID productId, ProductWrites.Outcome outcome) {
        if (outcome instanceof ProductWrites.Outcome.Written written) {
            return Map.of("productId", productId.toString(), "status", written.product().status().name());
        }
        return problemResult(productId, ProductOutcomes.problem(outcome, new ProductId(productId)).toProblemDetail());
    }

    private static Map<String, Object> result(UUID productId, Throwable failure) {
        ProblemDetail problem = failure instanceof ApiProblem api ? api.toProblemDetail()
                : Problems.of(ProblemType.SERVICE_UNAVAILABLE, "This product could not be reviewed now; try it again.");
        return problemResult(productId, problem);
    }

    private static Map<String, Object> problemResult(UUID productId, ProblemDetail problem) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("type", String.valueOf(problem.getType()));
        described.put("title", problem.getTitle());
        described.put("status", problem.getStatus());
        described.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            described.putAll(problem.getProperties());
        }
        return Map.of("productId", productId.toString(), "problem", described);
    }

    private static ApiProblem reasonRequired() {
        return new ApiProblem(ProblemType.VALIDATION_FAILED, "reason: required to reject",
                Map.of("errors", List.of(new Problems.FieldError("reason", "must not be blank"))));
    }

    private static VendorProducts.@Nullable QueuePosition position(@Nullable String cursor) {
        Cursors.TimeAndId position = Cursors.timeAndId(cursor);
        return position == null ? null : new VendorProducts.QueuePosition(position.at(), new ProductId(position.id()));
    }

}
