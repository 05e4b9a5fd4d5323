package dev.surge.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens from an identity provider are checked beyond Spring's
 * {@code spring.security.oauth2.resourceserver.jwt.*}.
 *
 * @param tokenLeeway clock leeway on a token's {@code exp} and {@code nbf}, for clocks
 * that disagree a little; at most 5 minutes
 */
@ConfigurationProperties("surge.security")
public record TokenProperties(@DefaultValue("30s") Duration tokenLeeway) {

    public TokenProperties {
        if (tokenLeeway.isNegative() || tokenLeeway.compareTo(ExternalTokenConfiguration.MAX_LEEWAY) > 0) {
            throw new IllegalArgumentException(
                    "surge.security.token-leeway must be between 0s and " + ExternalTokenConfiguration.MAX_LEEWAY);
        }
    }

}
