package dev.surge.api.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.surge.checkout.application.AddCommissionRule;
import dev.surge.checkout.application.EndCommissionRule;
import dev.surge.checkout.application.ListCommissionRules;
import dev.surge.checkout.application.ShowVendor;
import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.CommissionRule;
import dev.surge.checkout.domain.VendorId;
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
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Operators set what the marketplace keeps: commission rules per vendor, per category,
 * per vendor and category, and the marketplace default, each from a date on.
 */
@RestController
@Tag(name = "Operator: commissions", description = "Commission rules and their succession by date")
@SecurityRequirement(name = "bearer")
public class AdminCommissionsController {

    private final ListCommissionRules listCommissionRules;

    private final AddCommissionRule addCommissionRule;

    private final EndCommissionRule endCommissionRule;

    private final ShowVendor showVendor;

    private final CatalogProperties catalog;

    public AdminCommissionsController(ListCommissionRules listCommissionRules, AddCommissionRule addCommissionRule,
            EndCommissionRule endCommissionRule, ShowVendor showVendor, CatalogProperties catalog) {
        this.listCommissionRules = listCommissionRules;
        this.addCommissionRule = addCommissionRule;
        this.endCommissionRule = endCommissionRule;
        this.showVendor = showVendor;
        this.catalog = catalog;
    }

    public record RuleRequest(@Nullable UUID vendorId, @Size(max = 100) @Nullable String category,
            @NotNull @Min(0) @Max(BasisPoints.WHOLE) @Nullable Integer rateBps,
            @Size(max = 20) @Valid @Nullable List<ProductWriteJson.PriceJson> fixed,
            @Size(max = 20) @Valid @Nullable List<ProductWriteJson.PriceJson> minimum, @Nullable String effectiveFrom) {
    }

    public record RateRequest(@NotNull @Min(0) @Max(BasisPoints.WHOLE) @Nullable Integer rateBps) {
    }

    public record RuleJson(String id, @Nullable String vendorId, @Nullable String category, int rateBps,
            List<MoneyJson> fixed, List<MoneyJson> minimum, String effectiveFrom, @Nullable String endsAt) {

        static RuleJson of(CommissionRule rule) {
            return new RuleJson(rule.id().toString(), rule.vendor() == null ? null : rule.vendor().toString(),
                    rule.category(), rule.rate().value(), rule.fixed().stream().map(MoneyJson::of).toList(),
                    rule.minimum().stream().map(MoneyJson::of).toList(), rule.effectiveFrom().toString(),
                    rule.endsAt() == null ? null : rule.endsAt().toString());
        }

    }

    public record RulesJson(List<RuleJson> items, @Nullable String nextCursor) {
    }

    @GetMapping(path = "/api/v1/admin/commission-rules", produces = "application/json")
    @Operation(summary = "Every commission rule, past, present and future, by scope and start")
    public Mono<RulesJson> list() {
        return listCommissionRules.list()
            .map(rules -> new RulesJson(rules.rules()
                .stream()
                .sorted(Comparator.comparing(CommissionRule::scope)
                    .thenComparing(rule -> String.valueOf(rule.vendor()))
                    .thenComparing(rule -> String.valueOf(rule.category()))
                    .thenComparing(CommissionRule::effectiveFrom))
                .map(RuleJson::of)
                .toList(), null));
    }

    @PostMapping(path = "/api/v1/admin/commission-rules", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Add a rule, from now or a date to come",
            description = "It succeeds the rule of its scope in force then; 409 commission-rule-clash when a rule "
                    + "of the same scope starts at the same instant.")
    public Mono<ResponseEntity<RuleJson>> add(@Valid @RequestBody RuleRequest request,
            @AuthenticationPrincipal Jwt token) {
        return Mono.fromCallable(() -> draft(request))
            .flatMap(draft -> addCommissionRule.add(Actor.operator(token.getSubject()), draft))
            .map(outcome -> ResponseEntity.status(HttpStatus.CREATED).body(RuleJson.of(added(outcome))));
    }

    @DeleteMapping(path = "/api/v1/admin/commission-rules/{ruleId}", produces = "application/json")
    @Operation(summary = "End a rule from now on (one that has not started never will)")
    public Mono<RuleJson> end(@PathVariable UUID ruleId, @AuthenticationPrincipal Jwt token) {
        return endCommissionRule.end(Actor.operator(token.getSubject()), ruleId)
            .map(RuleJson::of)
            .switchIfEmpty(Mono.error(() -> new ApiProblem(ProblemType.COMMISSION_RULE_NOT_FOUND,
                    "There is no commission rule " + ruleId + ".", Map.of("ruleId", ruleId.toString()))));
    }

    @PutMapping(path = "/api/v1/admin/vendors/{vendorId}/commission", consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Set a vendor's own rate from now on (a vendor rule)")
    public Mono<VendorJson> vendorRate(@PathVariable UUID vendorId, @Valid @RequestBody RateRequest request,
            @AuthenticationPrincipal Jwt token) {
        VendorId vendor = new VendorId(vendorId);
        return addCommissionRule
            .add(Actor.operator(token.getSubject()),
                    new AddCommissionRule.Draft(vendor, null, BasisPoints.of(request.rateBps()), List.of(), List.of(),
                            null))
            .map(AdminCommissionsController::added)
            .then(showVendor.show(vendor))
            .map(VendorJson::of);
    }

    private AddCommissionRule.Draft draft(RuleRequest request) {
        Instant from = null;
        if (request.effectiveFrom() != null && !request.effectiveFrom().isBlank()) {
            try {
                from = Instant.parse(request.effectiveFrom().strip());
            }
            catch (DateTimeParseException e) {
                throw invalid("effectiveFrom", "must be an ISO-8601 UTC instant such as 2027-01-01T00:00:00Z");
            }
        }
        String category = request.category() == null || request.category().isBlank() ? null
                : request.category().strip().toLowerCase(Locale.ROOT);
        return new AddCommissionRule.Draft(request.vendorId() == null ? null : new VendorId(request.vendorId()),
                category, BasisPoints.of(request.rateBps()),
                request.fixed() == null ? List.of() : ProductWriteJson.checkedPrices(request.fixed(), catalog),
                request.minimum() == null ? List.of() : ProductWriteJson.checkedPrices(request.minimum(), catalog),
                from);
    }

    private static CommissionRule added(AddCommissionRule.Outcome outcome) {
        return switch (outcome) {
            case AddCommissionRule.Outcome.Added added -> added.rule();
            case AddCommissionRule.Outcome.UnknownVendor unknown -> throw new ApiProblem(ProblemType.VENDOR_NOT_FOUND,
                    "There is no vendor " + unknown.vendor() + ".", Map.of("vendorId", unknown.vendor().toString()));
            case AddCommissionRule.Outcome.UnknownCategory unknown ->
                throw invalid("category", "not a category of this marketplace: " + unknown.category());
            case AddCommissionRule.Outcome.StartsInThePast past ->
                throw invalid("effectiveFrom", "must be now or later: orders placed keep the commission they had");
            case AddCommissionRule.Outcome.Clashes clash ->
                throw new ApiProblem(ProblemType.COMMISSION_RULE_CLASH,
                        "Rule " + clash.existing().id() + " of the same scope starts at the same instant; end it or "
                                + "start this one at another time.",
                        Map.of("ruleId", clash.existing().id().toString()));
        };
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(ProblemType.VALIDATION_FAILED, field + ": " + message,
                Map.of("errors", List.of(new Problems.FieldError(field, message))));
    }

}
