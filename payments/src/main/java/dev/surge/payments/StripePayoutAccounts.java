package dev.surge.payments;

import java.net.URI;
import java.util.Map;

import com.stripe.StripeClient;
import com.stripe.model.Account;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.PayoutAccountStanding;
import dev.surge.checkout.domain.VendorAccount;
import dev.surge.checkout.port.PayoutAccounts;
import reactor.core.publisher.Mono;

/**
 * Vendors' payout accounts as Stripe Connect Express accounts, through the same
 * resilience pipeline as payments. An account is opened with the key
 * {@code vendor:{id}:open-account}, so retries and two owners at once get one account
 * (the vendor records it at once, long before Stripe forgets the key). The vendor id
 * travels as metadata {@code vendor_id}.
 */
final class StripePayoutAccounts implements PayoutAccounts {

    static final String VENDOR_ID = "vendor_id";

    private final StripeClient stripe;

    private final StripeCalls calls;

    private final StripeProperties.Connect connect;

    StripePayoutAccounts(StripeClient stripe, StripeCalls calls, StripeProperties.Connect connect) {
        this.stripe = stripe;
        this.calls = calls;
        this.connect = connect;
    }

    @Override
    public Mono<ConnectedAccountId> open(VendorAccount vendor) {
        AccountCreateParams.Builder params = AccountCreateParams.builder()
            .setType(AccountCreateParams.Type.EXPRESS)
            .setCapabilities(AccountCreateParams.Capabilities.builder()
                .setTransfers(AccountCreateParams.Capabilities.Transfers.builder().setRequested(true).build())
                .build())
            .setMetadata(Map.of(VENDOR_ID, vendor.id().toString()));
        if (vendor.email() != null) {
            params.setEmail(vendor.email());
        }
        if (vendor.country() != null) {
            params.setCountry(vendor.country().value());
        }
        RequestOptions options = RequestOptions.builder()
            .setIdempotencyKey("vendor:" + vendor.id() + ":open-account")
            .build();
        return calls.call("open-payout-account", () -> stripe.v1().accounts().create(params.build(), options))
            .map(account -> new ConnectedAccountId(account.getId()));
    }

    /**
     * A link is single-use and short-lived: a new one each time, so no idempotency key.
     */
    @Override
    public Mono<URI> onboardingLink(ConnectedAccountId account) {
        AccountLinkCreateParams params = AccountLinkCreateParams.builder()
            .setAccount(account.value())
            .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
            .setReturnUrl(connect.returnUrl().toString())
            .setRefreshUrl(connect.refreshUrl().toString())
            .build();
        return calls.call("payout-onboarding-link", () -> stripe.v1().accountLinks().create(params))
            .map(link -> URI.create(link.getUrl()));
    }

    @Override
    public Mono<PayoutAccountStanding> standing(ConnectedAccountId account) {
        return calls.call("payout-account-standing", () -> stripe.v1().accounts().retrieve(account.value()))
            .map(StripePayoutAccounts::standing);
    }

    private static PayoutAccountStanding standing(Account account) {
        return new PayoutAccountStanding(new ConnectedAccountId(account.getId()),
                Boolean.TRUE.equals(account.getPayoutsEnabled()), Boolean.TRUE.equals(account.getDetailsSubmitted()));
    }

}
