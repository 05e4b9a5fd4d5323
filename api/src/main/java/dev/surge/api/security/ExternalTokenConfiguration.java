package dev.surge.api.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Bearer tokens outside the demo runtime, from your identity provider: every token must
 * be signed with an allowed algorithm ({@code ...jwt.jws-algorithms}, RS256 by default;
 * {@code none} and the HMAC algorithms are refused, as a public key must never serve as a
 * shared secret) by a key of the JWK set ({@code ...jwt.jwk-set-uri}, or the issuer's,
 * discovered), be issued by the configured issuer ({@code ...jwt.issuer-uri}) for one of
 * the configured audiences ({@code ...jwt.audiences}), carry an expiry, and be within its
 * {@code exp} and {@code nbf} give or take a bounded leeway
 * ({@code surge.security.token-leeway}, 30 s by default, at most 5 minutes). Surge
 * refuses to start without an issuer and an audience: a token meant for another service
 * of the same identity provider must not open this one.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!" + DemoTokenConfiguration.PROFILE)
@Conditional(ExternalTokenConfiguration.TokensConfigured.class)
public class ExternalTokenConfiguration {

    static final Duration MAX_LEEWAY = Duration.ofMinutes(5);

    @Bean
    ReactiveJwtDecoder externalJwtDecoder(OAuth2ResourceServerProperties resourceServer, TokenProperties tokens) {
        Duration leeway = tokens.tokenLeeway();
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        String issuer = jwt.getIssuerUri();
        List<String> audiences = jwt.getAudiences();
        if (!StringUtils.hasText(issuer) || audiences == null || audiences.isEmpty()) {
            throw new IllegalStateException("Bearer tokens need an issuer and an audience to be checked: set "
                    + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI and "
                    + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES (the audience your identity provider "
                    + "puts in Surge's tokens)");
        }
        List<SignatureAlgorithm> algorithms = algorithms(jwt.getJwsAlgorithms());
        NimbusReactiveJwtDecoder.JwkSetUriReactiveJwtDecoderBuilder builder = StringUtils.hasText(jwt.getJwkSetUri())
                ? NimbusReactiveJwtDecoder.withJwkSetUri(jwt.getJwkSetUri())
                : NimbusReactiveJwtDecoder.withIssuerLocation(issuer);
        NimbusReactiveJwtDecoder decoder = builder.jwsAlgorithms(allowed -> allowed.addAll(algorithms)).build();
        decoder.setJwtValidator(validator(issuer, audiences, leeway));
        return decoder;
    }

    /** The checks on a token whose signature held. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences, Duration leeway) {
        if (leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
            throw new IllegalStateException("surge.security.token-leeway must be between 0s and " + MAX_LEEWAY);
        }
        var timestamps = new JwtTimestampValidator(leeway);
        timestamps.setAllowEmptyExpiryClaim(false);
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(timestamps);
        checks.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        checks.add(new JwtIssuerValidator(issuer));
        checks.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                audience -> audience != null && audience.stream().anyMatch(audiences::contains)));
        return new DelegatingOAuth2TokenValidator<>(checks);
    }

    static List<SignatureAlgorithm> algorithms(List<String> names) {
        List<String> given = names == null || names.isEmpty() ? List.of("RS256") : names;
        List<SignatureAlgorithm> algorithms = new ArrayList<>();
        for (String name : given) {
            SignatureAlgorithm algorithm = SignatureAlgorithm.from(name.strip());
            if (algorithm == null) {
                throw new IllegalStateException("Unknown or unsupported token signature algorithm '" + name
                        + "': use asymmetric ones (RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384, PS512)");
            }
            algorithms.add(algorithm);
        }
        return algorithms;
    }

    /** An issuer or a JWK set is configured: tokens come from an identity provider. */
    static final class TokensConfigured extends org.springframework.boot.autoconfigure.condition.AnyNestedCondition {

        TokensConfigured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")
        static final class Issuer {

        }

        @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
        static final class JwkSet {

        }

    }

}
