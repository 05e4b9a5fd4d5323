package dev.surge.api.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Issues demo tokens with the claims the resource server reads: {@code sub},
 * {@code roles}, {@code vendorId}.
 */
public final class DemoTokens {

    static final Duration LIFETIME = Duration.ofHours(12);

    private final JwtEncoder encoder;

    private final String issuer;

    private final Clock clock;

    DemoTokens(JwtEncoder encoder, String issuer, Clock clock) {
        this.encoder = encoder;
        this.issuer = issuer;
        this.clock = clock;
    }

    public String issue(String subject, String role, @Nullable String vendorId) {
        var now = clock.instant();
        var claims = JwtClaimsSet.builder()
            .issuer(issuer)
            .subject(subject)
            .issuedAt(now)
            .expiresAt(now.plus(LIFETIME))
            .claim(SecurityConfiguration.ROLES_CLAIM, List.of(role));
        if (vendorId != null) {
            claims.claim(SecurityConfiguration.VENDOR_ID_CLAIM, vendorId);
        }
        var header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

}
