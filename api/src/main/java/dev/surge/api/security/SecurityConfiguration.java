package dev.surge.api.security;

import dev.surge.api.web.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * A stateless resource server: every caller proves who it is with a JWT whose
 * {@code roles} claim holds any of {@code customer}, {@code vendor} and {@code operator}.
 * Vendor work is authorised by the vendor's members table, not by the token: its
 * {@code vendorId} claim only names the vendor a member of several acts for. Catalog
 * reads, health and the API docs are public; metrics are the operators'. Tokens are
 * checked against the demo key in the embedded runtime and against the configured issuer
 * or JWK set everywhere else ({@code spring.security.oauth2.resourceserver.jwt.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    public static final String ROLES_CLAIM = "roles";

    public static final String VENDOR_ID_CLAIM = "vendorId";

    /**
     * No observation (timer, tags, context) around every security filter, authentication
     * and authorisation of every request: nobody reads them, and the request as a whole
     * is observed already ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The catalog, public and the same for everyone, where a token would change nothing:
     * a chain of its own that only writes the security headers, instead of the
     * bearer-token, authorisation and exception handling filters every other request goes
     * through.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain catalogReads(ServerHttpSecurity http) {
        return http
            // The catalog's whole subtree, so wrong methods answer 405, not 401: no
            // handler there writes.
            .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/v1/products", "/api/v1/products/**"))
            .csrf(ServerHttpSecurity.CsrfSpec::disable)
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
            .build();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ProblemWriter problemWriter,
            ObjectProvider<ReactiveJwtDecoder> jwtDecoders,
            @Value("${surge.security.public-metrics:false}") boolean publicMetrics) {
        var problems = new ProblemResponses(problemWriter);
        ReactiveJwtDecoder jwtDecoder = jwtDecoders.getIfAvailable(() -> {
            throw new IllegalStateException("No way to verify bearer tokens: set "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri or .jwk-set-uri (external mode), "
                    + "or start the embedded runtime, which issues its own demo tokens.");
        });
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            .authorizeExchange(exchanges -> exchanges
                // Guests shop with cart and order tokens the handlers check; a customer
                // token, when sent,
                // is verified.
                .pathMatchers("/api/v1/carts", "/api/v1/carts/**", "/api/v1/checkouts", "/api/v1/orders/**")
                .permitAll()
                // A waiting room's place is read with its token, which is the credential.
                .pathMatchers(HttpMethod.GET, "/api/v1/queue/*")
                .permitAll()
                // Stripe authenticates its webhooks with a signature over the body,
                // checked by the handler.
                .pathMatchers(HttpMethod.POST, "/api/v1/webhooks/stripe")
                .permitAll()
                // Exists only in the embedded/demo runtime; elsewhere this answers 404.
                .pathMatchers(HttpMethod.POST, "/api/v1/dev/**")
                .permitAll()
                // Health and the probes are public (load balancers, orchestrators);
                // metrics
                // and every other endpoint are the operators' (a Prometheus scraper sends
                // an
                // operator token).
                .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                .permitAll()
                // The demo runtime hands operator tokens to anyone who asks: hiding its
                // metrics behind one would protect nothing there.
                .pathMatchers(HttpMethod.GET, publicMetrics ? "/actuator/prometheus" : "/actuator/health")
                .permitAll()
                .pathMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
                .permitAll()
                .pathMatchers("/actuator/**", "/api/v1/admin/**")
                .hasRole("operator")
                .pathMatchers(HttpMethod.POST, "/api/v1/vendor-applications")
                .hasRole("customer")
                // Any signed-in person: the vendor and the role come from the vendor's
                // members on each request (see ActingMembers), never from the token.
                .pathMatchers("/api/v1/vendor/**")
                .authenticated()
                .anyExchange()
                .authenticated())
            .oauth2ResourceServer(
                    server -> server.jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(rolesFromClaim()))
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
            .exceptionHandling(handling -> handling.authenticationEntryPoint(problems.unauthorized())
                .accessDeniedHandler(problems.forbidden()))
            .build();
    }

    private static ReactiveJwtAuthenticationConverterAdapter rolesFromClaim() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

}
