package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * Where a vendor's connected account stands at the payment provider.
 *
 * @param payoutsEnabled whether the account may receive transfers and pay out
 * @param detailsSubmitted whether the vendor finished the provider's onboarding form (it
 * may still wait for verification)
 */
public record PayoutAccountStanding(ConnectedAccountId account, boolean payoutsEnabled, boolean detailsSubmitted) {

    public PayoutAccountStanding {
        Objects.requireNonNull(account, "account");
    }

}
