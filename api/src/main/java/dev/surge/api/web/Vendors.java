package dev.surge.api.web;

import java.util.UUID;

import dev.surge.api.security.SecurityConfiguration;
import dev.surge.checkout.domain.VendorId;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The vendor a request speaks for: the token's {@code vendorId} claim, required on vendor
 * paths.
 */
public final class Vendors {

    private Vendors() {
    }

    /**
     * @throws ApiProblem 403 when the token carries no valid {@code vendorId}
     */
    public static VendorId of(Jwt token) {
        String vendorId = token.getClaimAsString(SecurityConfiguration.VENDOR_ID_CLAIM);
        try {
            return new VendorId(UUID.fromString(vendorId == null ? "" : vendorId));
        }
        catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "Your token carries no valid vendorId claim.");
        }
    }

}
