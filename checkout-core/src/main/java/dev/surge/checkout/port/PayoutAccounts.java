package dev.surge.checkout.port;

import java.net.URI;

import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.PayoutAccountStanding;
import dev.surge.checkout.domain.VendorAccount;
import reactor.core.publisher.Mono;

/**
 * Vendors' accounts with the payment provider (Stripe Connect): opened for a vendor,
 * filled in by the vendor on the provider's own pages, and read back when the provider
 * says they changed. Errors as {@link PaymentGateway} does ({@link PaymentUnavailable},
 * {@link PaymentRequestRefused}).
 */
public interface PayoutAccounts {

    /**
     * Opens the vendor's connected account. Idempotent per vendor: called again (after a
     * timeout, or by two owners at once) it emits the same account.
     */
    Mono<ConnectedAccountId> open(VendorAccount vendor);

    /**
     * Emits a single-use link to the provider's onboarding pages for the account; the
     * vendor comes back to Surge's configured return address when done, or to its refresh
     * address when the link has expired.
     */
    Mono<URI> onboardingLink(ConnectedAccountId account);

    /** Emits where the account stands now at the provider. */
    Mono<PayoutAccountStanding> standing(ConnectedAccountId account);

}
