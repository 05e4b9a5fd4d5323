package dev.surge.api.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.surge.checkout.application.DecideOnVendor;
import dev.surge.checkout.application.ListVendors;
import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.VendorDecision;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Operators run the vendors: the list, and approve / reject / suspend / reinstate. A
 * vendor that is not approved leaves the catalog at once and its SKUs cannot be checked
 * out; orders already placed go on.
 */
@RestController
@Tag(name = "Operator: vendors", description = "Approve, reject, suspend and reinstate vendors")
@SecurityRequirement(name = "bearer")
public class AdminVendorsController {

    private static final int DEFAULT_LIMIT = 20;

    private final ListVendors listVendors;

    private final DecideOnVendor decideOnVendor;

    public AdminVendorsController(ListVendors listVendors, DecideOnVendor decideOnVendor) {
        this.listVendors = listVendors;
        this.decideOnVendor = decideOnVendor;
    }

    /** Why; required to reject or suspend (the vendor reads it in its profile). */
    public record DecisionRequest(@Size(max = 1000) @Nullable String reason) {
    }

    public record VendorsJson(List<VendorJson> items, @Nullable String nextCursor) {
    }

    @GetMapping(path = "/api/v1/admin/vendors", produces = "application/json")
    @Operation(summary = "Vendors, by id; filter by status")
    public Mono<VendorsJson> list(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Size(max = 100) @Nullable String cursor,
            @RequestParam(required = false) @Min(1) @Max(100) @Nullable Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        return Mono.fromCallable(() -> new Query(statusOf(status), Cursors.uuid(cursor)))
            .flatMap(query -> listVendors.list(query.status(), query.after(), size))
            .map(vendors -> new VendorsJson(vendors.stream().map(VendorJson::of).toList(),
                    vendors.size() < size ? null : Cursors.of(vendors.getLast().id())));
    }

    private record Query(@Nullable VendorStatus status, @Nullable VendorId after) {

        Query(@Nullable VendorStatus status, @Nullable UUID after) {
            this(status, after == null ? null : new VendorId(after));
        }

    }

    @PostMapping(path = "/api/v1/admin/vendors/{vendorId}/approve", produces = "application/json")
    @Operation(summary = "Approve a vendor's application")
    public Mono<VendorJson> approve(@PathVariable UUID vendorId,
            @RequestBody(required = false) @Nullable @Valid DecisionRequest request,
            @AuthenticationPrincipal Jwt token) {
        return decide(token, vendorId, VendorDecision.APPROVE, request);
    }

    @PostMapping(path = "/api/v1/admin/vendors/{vendorId}/reject", produces = "application/json")
    @Operation(summary = "Reject a vendor's application, with a reason")
    public Mono<VendorJson> reject(@PathVariable UUID vendorId,
            @RequestBody(required = false) @Nullable @Valid DecisionRequest request,
            @AuthenticationPrincipal Jwt token) {
        return decide(token, vendorId, VendorDecision.REJECT, request);
    }

    @PostMapping(path = "/api/v1/admin/vendors/{vendorId}/suspend", produces = "application/json")
    @Operation(summary = "Suspend a vendor, with a reason",
            description = "Its products leave the catalog and carts holding them are refused at checkout "
                    + "(409 items-unavailable); placed orders go on.")
    public Mono<VendorJson> suspend(@PathVariable UUID vendorId,
            @RequestBody(required = false) @Nullable @Valid DecisionRequest request,
            @AuthenticationPrincipal Jwt token) {
        return decide(token, vendorId, VendorDecision.SUSPEND, request);
    }

    @PostMapping(path = "/api/v1/admin/vendors/{vendorId}/reinstate", produces = "application/json")
    @Operation(summary = "Reinstate a suspended vendor")
    public Mono<VendorJson> reinstate(@PathVariable UUID vendorId,
            @RequestBody(required = false) @Nullable @Valid DecisionRequest request,
            @AuthenticationPrincipal Jwt token) {
        return decide(token, vendorId, VendorDecision.REINSTATE, request);
    }

    @PostMapping(path = "/api/v1/admin/vendors/{vendorId}/release-payouts", produces = "application/json")
    @Operation(summary = "Pay a suspended vendor's held shares, with a reason",
            description = "Its shares of orders already placed are transferred from the next pass on although it "
                    + "stays suspended (it still sells nothing); suspending it again holds them again. "
                    + "409 vendor-state-conflict unless the vendor is suspended.")
    public Mono<VendorJson> releasePayouts(@PathVariable UUID vendorId,
            @RequestBody(required = false) @Nullable @Valid DecisionRequest request,
            @AuthenticationPrincipal Jwt token) {
        return decide(token, vendorId, VendorDecision.RELEASE_PAYOUTS, request);
    }

    private Mono<VendorJson> decide(Jwt token, UUID vendorId, VendorDecision decision,
            @Nullable DecisionRequest request) {
        String reason = request == null || request.reason() == null || request.reason().isBlank() ? null
                : request.reason().strip();
        if (decision.needsReason() && reason == null) {
            return Mono.error(new ApiProblem(ProblemType.VALIDATION_FAILED, "reason: required to " + verb(decision),
                    Map.of("errors", List.of(new Problems.FieldError("reason", "must not be blank")))));
        }
        return decideOnVendor.decide(Actor.operator(token.getSubject()), new VendorId(vendorId), decision, reason)
            .map(result -> switch (result) {
                case DecideOnVendor.Result.Decided decided -> VendorJson.of(decided.vendor());
                case DecideOnVendor.Result.NotAllowed refused -> throw new ApiProblem(ProblemType.VENDOR_STATE_CONFLICT,
                        "The vendor is " + refused.vendor().status() + "; "
                                + (decision.movesStatus() ? "it cannot be " + decision.pastTense()
                                        : "only a suspended vendor's payouts are held, or released")
                                + ".",
                        Map.of("vendorId", vendorId.toString(), "vendorStatus", refused.vendor().status().name()));
                case DecideOnVendor.Result.NoSuchVendor none -> throw new ApiProblem(ProblemType.VENDOR_NOT_FOUND,
                        "There is no vendor " + vendorId + ".", Map.of("vendorId", vendorId.toString()));
            });
    }

    /** {@code approve}, ..., {@code release the payouts of}, as the answers say it. */
    private static String verb(VendorDecision decision) {
        return decision.movesStatus() ? decision.name().toLowerCase(Locale.ROOT) : "release the payouts of";
    }

    private static @Nullable VendorStatus statusOf(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return VendorStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED,
                    "status: must be one of PENDING_APPROVAL, APPROVED, REJECTED, SUSPENDED",
                    Map.of("errors", List.of(new Problems.FieldError("status",
                            "must be one of PENDING_APPROVAL, APPROVED, REJECTED, SUSPENDED"))));
        }
    }

}
