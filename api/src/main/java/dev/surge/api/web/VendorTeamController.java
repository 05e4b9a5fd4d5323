package dev.surge.api.web;

import java.util.List;
import java.util.Map;

import dev.surge.checkout.application.ApplyAsVendor;
import dev.surge.checkout.application.ChangeVendorTeam;
import dev.surge.checkout.application.ShowVendor;
import dev.surge.checkout.application.ShowVendorTeam;
import dev.surge.checkout.application.StartPayoutOnboarding;
import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorRole;
import dev.surge.checkout.domain.VendorTeam;
import dev.surge.api.web.Problems.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
 * Becoming a vendor and running its team: a customer applies and becomes the owner;
 * owners add members, change their roles and remove them (never the last owner).
 */
@RestController
@Tag(name = "Vendor onboarding and teams",
        description = "Apply to sell, read your vendor's profile, manage its members (owners)")
@SecurityRequirement(name = "bearer")
public class VendorTeamController {

    private final ApplyAsVendor applyAsVendor;

    private final ShowVendor showVendor;

    private final ShowVendorTeam showVendorTeam;

    private final ChangeVendorTeam changeVendorTeam;

    private final StartPayoutOnboarding startPayoutOnboarding;

    private final CatalogProperties catalog;

    public VendorTeamController(ApplyAsVendor applyAsVendor, ShowVendor showVendor, ShowVendorTeam showVendorTeam,
            ChangeVendorTeam changeVendorTeam, StartPayoutOnboarding startPayoutOnboarding, CatalogProperties catalog) {
        this.startPayoutOnboarding = startPayoutOnboarding;
        this.applyAsVendor = applyAsVendor;
        this.showVendor = showVendor;
        this.showVendorTeam = showVendorTeam;
        this.changeVendorTeam = changeVendorTeam;
        this.catalog = catalog;
    }

    public record ApplicationRequest(@NotBlank @Size(max = 200) @Nullable String name,
            @NotBlank @Email @Size(max = 254) @Nullable String email,
            @NotNull @Pattern(regexp = "[A-Za-z]{2}",
                    message = "must be an ISO 3166-1 alpha-2 code such as DE") @Nullable String country,
            @NotNull @Pattern(regexp = "[A-Za-z]{3}",
                    message = "must be an ISO 4217 code such as EUR") @Nullable String defaultCurrency) {
    }

    public record ApplicationJson(String vendorId, String status) {
    }

    public record ProfileJson(String vendorId, String name, String status, @Nullable String statusReason, String role,
            boolean payoutsEnabled, VendorJson.CommissionJson commission) {
    }

    public record OnboardingJson(String url) {
    }

    public record MemberRequest(@NotBlank @Size(max = 255) @Nullable String subject,
            @NotNull @Pattern(regexp = "(?i)owner|editor|fulfillment",
                    message = "must be one of owner, editor, fulfillment") @Nullable String role) {
    }

    public record RoleRequest(@NotNull @Pattern(regexp = "(?i)owner|editor|fulfillment",
            message = "must be one of owner, editor, fulfillment") @Nullable String role) {
    }

    public record MemberJson(String subject, String role) {

        static MemberJson of(Membership member) {
            return new MemberJson(member.subject(), member.role().label());
        }

    }

    public record MembersJson(List<MemberJson> items, @Nullable String nextCursor) {
    }

    @PostMapping(path = "/api/v1/vendor-applications", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Apply to sell on the marketplace (customers)",
            description = "You become the owner of a vendor waiting for approval; act for it with the same token. "
                    + "Applying again while an application waits answers that one (200).")
    public Mono<ResponseEntity<ApplicationJson>> apply(@Valid @RequestBody ApplicationRequest request,
            @AuthenticationPrincipal Jwt token) {
        return Mono
            .fromCallable(() -> new ApplyAsVendor.Application(token.getSubject(), request.name(), request.email(),
                    country(request.country()), catalog.offered(request.defaultCurrency())))
            .flatMap(applyAsVendor::apply)
            .map(result -> ResponseEntity
                .status(result instanceof ApplyAsVendor.Result.Applied ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new ApplicationJson(result.vendor().id().toString(), result.vendor().status().name())));
    }

    @GetMapping(path = "/api/v1/vendor/profile", produces = "application/json")
    @Operation(summary = "Your vendor and your role there")
    public Mono<ProfileJson> profile(@ActingMember Membership member) {
        return showVendor.show(member.vendor())
            .map(vendor -> new ProfileJson(vendor.id().toString(), vendor.name(), vendor.status().name(),
                    vendor.statusReason(), member.role().label(), vendor.payoutsEnabled(),
                    new VendorJson.CommissionJson(vendor.commissionRate().value())));
    }

    @PostMapping(path = "/api/v1/vendor/payments/onboarding", produces = "application/json")
    @Operation(summary = "Start or resume Stripe onboarding for payouts (owners)",
            description = "Opens the vendor's Stripe Connect account the first time, then answers a fresh, "
                    + "single-use account link: send the owner's browser there. Stripe's account.updated webhooks "
                    + "then set payoutsEnabled (see the profile). 409 vendor-state-conflict for a rejected or "
                    + "suspended vendor; 503 payment-unavailable when Stripe cannot be reached.")
    public Mono<OnboardingJson> startPayoutOnboarding(@ActingMember(VendorRole.OWNER) Membership member) {
        return startPayoutOnboarding.start(Actor.member(member), member.vendor()).map(result -> switch (result) {
            case StartPayoutOnboarding.Result.Link link -> new OnboardingJson(link.url().toString());
            case StartPayoutOnboarding.Result.NotAllowed refused ->
                throw new ApiProblem(ProblemType.VENDOR_STATE_CONFLICT, "The vendor is " + refused.vendor().status()
                        + ": payout onboarding waits until an operator approves or reinstates it.");
            case StartPayoutOnboarding.Result.NoSuchVendor missing ->
                throw new ApiProblem(ProblemType.VENDOR_NOT_FOUND, "No such vendor.");
        });
    }

    @GetMapping(path = "/api/v1/vendor/members", produces = "application/json")
    @Operation(summary = "Your vendor's members (owners)")
    public Mono<MembersJson> members(@ActingMember(VendorRole.OWNER) Membership member) {
        return showVendorTeam.show(member.vendor())
            .map(team -> new MembersJson(team.members().stream().map(MemberJson::of).toList(), null));
    }

    @PostMapping(path = "/api/v1/vendor/members", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Add a member (owners)", description = "409 already-a-member when the person is one.")
    public Mono<ResponseEntity<MemberJson>> add(@ActingMember(VendorRole.OWNER) Membership member,
            @Valid @RequestBody MemberRequest request) {
        return change(member, new ChangeVendorTeam.Command.Add(request.subject().strip(), role(request.role())))
            .map(added -> ResponseEntity.status(HttpStatus.CREATED).body(added));
    }

    @PutMapping(path = "/api/v1/vendor/members/{subject}", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Change a member's role (owners)",
            description = "409 last-owner when it would leave the vendor without an owner.")
    public Mono<MemberJson> changeRole(@ActingMember(VendorRole.OWNER) Membership member, @PathVariable String subject,
            @Valid @RequestBody RoleRequest request) {
        return change(member, new ChangeVendorTeam.Command.ChangeRole(subject, role(request.role())));
    }

    @DeleteMapping(path = "/api/v1/vendor/members/{subject}")
    @Operation(summary = "Remove a member (owners)",
            description = "Takes effect at once; 409 last-owner for the vendor's only owner.")
    public Mono<ResponseEntity<Void>> remove(@ActingMember(VendorRole.OWNER) Membership member,
            @PathVariable String subject) {
        return change(member, new ChangeVendorTeam.Command.Remove(subject))
            .thenReturn(ResponseEntity.noContent().<Void>build());
    }

    private Mono<MemberJson> change(Membership owner, ChangeVendorTeam.Command command) {
        return changeVendorTeam.change(Actor.member(owner), owner.vendor(), command).map(change -> switch (change) {
            case VendorTeam.Change.Made made ->
                made.after() != null ? MemberJson.of(made.after()) : MemberJson.of(made.before());
            case VendorTeam.Change.Refused refused -> throw switch (refused.refusal()) {
                case ALREADY_A_MEMBER -> new ApiProblem(ProblemType.ALREADY_A_MEMBER,
                        command.subject() + " is a member already; change their role instead.",
                        Map.of("subject", command.subject()));
                case NOT_A_MEMBER -> new ApiProblem(ProblemType.MEMBER_NOT_FOUND,
                        command.subject() + " is not a member of your vendor.", Map.of("subject", command.subject()));
                case LAST_OWNER -> new ApiProblem(ProblemType.LAST_OWNER,
                        command.subject() + " is the vendor's only owner; make another member owner first.",
                        Map.of("subject", command.subject()));
            };
        });
    }

    private static CountryCode country(@Nullable String country) {
        try {
            return CountryCode.of(country == null ? "" : country.strip().toUpperCase(java.util.Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "country: not an ISO 3166-1 alpha-2 country code", Map
                .of("errors", List.of(new FieldError("country", "must be an ISO 3166-1 alpha-2 code such as DE"))));
        }
    }

    static VendorRole role(@Nullable String role) {
        return VendorRole.ofLabel(role == null ? "" : role);
    }

}
