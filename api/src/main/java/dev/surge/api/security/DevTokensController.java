package dev.surge.api.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/v1/dev/tokens}: signs a token for any role, so the demo can be tried
 * without an IdP.
 */
@RestController
@Profile(DemoTokenConfiguration.PROFILE)
@Tag(name = "Development helpers", description = "Embedded/demo runtime only; 404 in every other mode")
public class DevTokensController {

    private final DemoTokens tokens;

    public DevTokensController(DemoTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * What to put in the token; {@code vendorId} names the vendor a member of several
     * acts for. What a vendor member may do is read from the vendor's members (the demo
     * seeds some: see the README), not from the token.
     */
    public record TokenRequest(
            @NotNull @Pattern(regexp = "customer|vendor|operator",
                    message = "must be one of customer, vendor, operator") @Nullable String role,
            @Size(min = 1, max = 255) @Nullable String subject, @Nullable UUID vendorId) {
    }

    public record TokenResponse(String token) {
    }

    @PostMapping(path = "/api/v1/dev/tokens", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Issue a demo JWT for a role")
    public Mono<TokenResponse> issue(@Valid @RequestBody TokenRequest request) {
        return Mono.fromCallable(() -> {
            String role = java.util.Objects.requireNonNull(request.role());
            String subject = request.subject() != null ? request.subject() : "demo-" + role;
            String vendorId = request.vendorId() == null ? null : request.vendorId().toString();
            return new TokenResponse(tokens.issue(subject, role, vendorId));
        })
            // RSA signing draws on SecureRandom, which may read /dev/urandom: keep it off
            // the event loop.
            .subscribeOn(Schedulers.boundedElastic());
    }

}
