package dev.surge.api.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.surge.api.security.SecurityConfiguration;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorRole;
import dev.surge.checkout.port.VendorTeams;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Resolves {@link ActingMember} parameters: the caller's memberships by the token's
 * subject, the vendor they act for (the {@value #VENDOR_HEADER} header, else the token's
 * {@code vendorId} claim, else their only vendor), and whether their role there covers
 * the work.
 */
public final class ActingMembers implements HandlerMethodArgumentResolver {

    /** Names the vendor a member of several vendors acts for. */
    public static final String VENDOR_HEADER = "X-Vendor-Id";

    private static final String VENDOR_PATHS = "/api/v1/vendor/";

    private static final String CHECKED = ActingMembers.class.getName() + ".checked";

    /** The authority of an operator's token (roles claim, see SecurityConfiguration). */
    private static final String OPERATOR = "ROLE_operator";

    private final VendorTeams teams;

    public ActingMembers(VendorTeams teams) {
        this.teams = teams;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(ActingMember.class)
                && Membership.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
            ServerWebExchange exchange) {
        Membership checked = exchange.getAttribute(CHECKED);
        return checked != null ? Mono.just(checked)
                : resolve(exchange, parameter.getParameterAnnotation(ActingMember.class)).cast(Object.class);
    }

    /**
     * Checks the caller before the handler is invoked (its body read and validated), so
     * that a member outside the role always gets 403, never a validation answer; the
     * handler's parameter is then served from the exchange.
     */
    public WebFilter beforeHandlers(RequestMappingHandlerMapping handlers) {
        return (exchange, chain) -> {
            if (!exchange.getRequest().getPath().value().startsWith(VENDOR_PATHS)) {
                return chain.filter(exchange);
            }
            return handlers.getHandler(exchange)
                .ofType(HandlerMethod.class)
                .flatMap(handler -> Mono.justOrEmpty(annotationOf(handler)))
                .flatMap(annotation -> resolve(exchange, annotation))
                .doOnNext(member -> exchange.getAttributes().put(CHECKED, member))
                .then(chain.filter(exchange));
        };
    }

    private static @Nullable ActingMember annotationOf(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            ActingMember annotation = parameter.getParameterAnnotation(ActingMember.class);
            if (annotation != null) {
                return annotation;
            }
        }
        return null;
    }

    private Mono<Membership> resolve(ServerWebExchange exchange, @Nullable ActingMember annotation) {
        List<VendorRole> needed = annotation == null ? List.of() : List.of(annotation.value());
        return exchange.getPrincipal()
            .filter(JwtAuthenticationToken.class::isInstance)
            .cast(JwtAuthenticationToken.class)
            .switchIfEmpty(Mono.error(() -> new ApiProblem(ProblemType.UNAUTHORIZED, "Sign in to act for a vendor.")))
            .filter(principal -> annotation == null || !annotation.orOperator() || !isOperator(principal))
            .map(JwtAuthenticationToken::getToken)
            .flatMap(token -> {
                VendorId chosen = chosenVendor(exchange, token);
                return teams.memberships(token.getSubject()).map(memberships -> acting(memberships, chosen, needed));
            });
    }

    private static boolean isOperator(JwtAuthenticationToken principal) {
        return principal.getAuthorities().stream().anyMatch(authority -> OPERATOR.equals(authority.getAuthority()));
    }

    private static Membership acting(List<Membership> memberships, @Nullable VendorId chosen, List<VendorRole> needed) {
        Membership member;
        if (chosen != null) {
            member = memberships.stream()
                .filter(membership -> membership.vendor().equals(chosen))
                .findFirst()
                .orElseThrow(
                        () -> roleRequired("You are not a member of vendor " + chosen + ".", chosen, null, needed));
        }
        else if (memberships.size() == 1) {
            member = memberships.getFirst();
        }
        else if (memberships.isEmpty()) {
            throw roleRequired("You are not a member of any vendor.", null, null, needed);
        }
        else {
            throw new ApiProblem(ProblemType.VENDOR_AMBIGUOUS,
                    "You are a member of several vendors; name the one you act for in the " + VENDOR_HEADER
                            + " header.",
                    Map.of("vendorIds",
                            memberships.stream().map(membership -> membership.vendor().toString()).toList()));
        }
        if (!needed.isEmpty() && needed.stream().noneMatch(member::mayActAs)) {
            throw roleRequired(
                    "This needs the " + String.join(" or ", needed.stream().map(VendorRole::label).toList())
                            + " role; you are " + member.role().label() + " at vendor " + member.vendor() + ".",
                    member.vendor(), member.role(), needed);
        }
        return member;
    }

    private static @Nullable VendorId chosenVendor(ServerWebExchange exchange, Jwt token) {
        String chosen = exchange.getRequest().getHeaders().getFirst(VENDOR_HEADER);
        String source = VENDOR_HEADER + " header";
        if (chosen == null || chosen.isBlank()) {
            chosen = token.getClaimAsString(SecurityConfiguration.VENDOR_ID_CLAIM);
            source = "vendorId claim";
        }
        if (chosen == null || chosen.isBlank()) {
            return null;
        }
        try {
            return new VendorId(UUID.fromString(chosen.strip()));
        }
        catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, source + ": not a vendor id",
                    Map.of("errors", List.of(new Problems.FieldError(VENDOR_HEADER, "must be a vendor id (UUID)"))));
        }
    }

    private static ApiProblem roleRequired(String detail, @Nullable VendorId vendor, @Nullable VendorRole role,
            List<VendorRole> needed) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (vendor != null) {
            extensions.put("vendorId", vendor.toString());
        }
        if (role != null) {
            extensions.put("role", role.label());
        }
        if (!needed.isEmpty()) {
            extensions.put("requiredRoles", needed.stream().map(VendorRole::label).toList());
        }
        return new ApiProblem(ProblemType.VENDOR_ROLE_REQUIRED, detail, extensions);
    }

}
