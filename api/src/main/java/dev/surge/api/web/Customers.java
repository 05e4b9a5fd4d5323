package dev.surge.api.web;

import java.util.List;

import dev.surge.api.security.SecurityConfiguration;
import dev.surge.checkout.domain.CustomerId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The customer a request speaks for: the token's {@code sub} when its roles include
 * {@code customer}.
 */
public final class Customers {

    private Customers() {
    }

    public static @Nullable CustomerId of(@Nullable Jwt token) {
        if (token == null || token.getSubject() == null) {
            return null;
        }
        List<String> roles = token.getClaimAsStringList(SecurityConfiguration.ROLES_CLAIM);
        return roles != null && roles.contains("customer") ? new CustomerId(token.getSubject()) : null;
    }

}
