package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A vendor as the marketplace runs it: who applied, where it stands and why, its terms.
 * The operator's decisions move it ({@link #decide}); {@code version} counts the moves,
 * so two operators deciding at once cannot both win.
 *
 * @param email where the operator reaches the vendor; with {@code country} and
 * {@code defaultCurrency}, {@code null} only for vendors created before applications
 * recorded them
 * @param statusReason why it was last rejected or suspended ({@code null} otherwise)
 * @param payoutAccount its Stripe Connect account, once onboarding started ({@code null}
 * before)
 * @param payoutsEnabled whether that account may receive money, as Stripe last said
 * @param autoApprovesProducts whether its products go on sale without review
 * @param payoutsReleaseReason why an operator let this suspended vendor's shares be paid
 * all the same; {@code null} while they wait (every other decision clears it)
 */
public record VendorAccount(VendorId id, String name, @Nullable String email, @Nullable CountryCode country,
        @Nullable Currency defaultCurrency, VendorStatus status, @Nullable String statusReason,
        BasisPoints commissionRate, @Nullable ConnectedAccountId payoutAccount, boolean payoutsEnabled,
        boolean autoApprovesProducts, @Nullable String payoutsReleaseReason, Instant createdAt, long version) {

    public VendorAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(commissionRate, "commissionRate");
        Objects.requireNonNull(createdAt, "createdAt");
        name = Text.required(name, "name", 200);
        if (email != null) {
            email = Text.required(email, "email", 254);
            if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalArgumentException("email must look like name@host");
            }
        }
        statusReason = statusReason == null ? null : Text.required(statusReason, "reason", 1_000);
        payoutsReleaseReason = payoutsReleaseReason == null ? null
                : Text.required(payoutsReleaseReason, "reason", 1_000);
        if (payoutsReleaseReason != null && status != VendorStatus.SUSPENDED) {
            throw new IllegalArgumentException("only a suspended vendor's payouts are held, or released");
        }
    }

    /**
     * A new application, waiting for the operator, on the marketplace's default terms.
     */
    public static VendorAccount application(VendorId id, String name, String email, CountryCode country,
            Currency defaultCurrency, BasisPoints commissionRate, Instant at) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(defaultCurrency, "defaultCurrency");
        return new VendorAccount(id, name, email, country, defaultCurrency, VendorStatus.PENDING_APPROVAL, null,
                commissionRate, null, false, false, null, at, 0);
    }

    /**
     * The account after {@code decision}; the reason is kept only where the decision
     * needs one.
     * @throws IllegalVendorTransition when the decision cannot be taken from the current
     * status
     * @throws IllegalArgumentException when a reason is needed and blank
     */
    public VendorAccount decide(VendorDecision decision, @Nullable String reason) {
        if (!decision.mayBeTakenFrom(status)) {
            throw new IllegalVendorTransition(status, decision);
        }
        String kept = decision.needsReason() ? Text.required(reason, "reason", 1_000) : null;
        if (!decision.movesStatus()) {
            return new VendorAccount(id, name, email, country, defaultCurrency, status, statusReason, commissionRate,
                    payoutAccount, payoutsEnabled, autoApprovesProducts, kept, createdAt, version + 1);
        }
        return new VendorAccount(id, name, email, country, defaultCurrency, decision.leadsTo(), kept, commissionRate,
                payoutAccount, payoutsEnabled, autoApprovesProducts, null, createdAt, version + 1);
    }

    /** The vendor with its products let through without review, or not. */
    public VendorAccount withAutoApproval(boolean autoApproves) {
        return new VendorAccount(id, name, email, country, defaultCurrency, status, statusReason, commissionRate,
                payoutAccount, payoutsEnabled, autoApproves, payoutsReleaseReason, createdAt, version + 1);
    }

    /**
     * The vendor with the connected account its onboarding opened. An account is opened
     * once: a vendor that has one keeps it.
     * @throws IllegalStateException when the vendor already has another account
     */
    public VendorAccount withPayoutAccount(ConnectedAccountId account) {
        Objects.requireNonNull(account, "account");
        if (payoutAccount != null && !payoutAccount.equals(account)) {
            throw new IllegalStateException("vendor " + id + " already has the payout account " + payoutAccount);
        }
        return new VendorAccount(id, name, email, country, defaultCurrency, status, statusReason, commissionRate,
                account, payoutsEnabled, autoApprovesProducts, payoutsReleaseReason, createdAt, version + 1);
    }

    /** The vendor as its payout account now stands at Stripe. */
    public VendorAccount withPayoutsEnabled(boolean enabled) {
        return new VendorAccount(id, name, email, country, defaultCurrency, status, statusReason, commissionRate,
                payoutAccount, enabled, autoApprovesProducts, payoutsReleaseReason, createdAt, version + 1);
    }

    /**
     * Whether the vendor may start or resume its payout onboarding: not once it is
     * rejected or suspended (an operator decides those first).
     */
    public boolean mayOnboardPayouts() {
        return status != VendorStatus.REJECTED && status != VendorStatus.SUSPENDED;
    }

    /** Whether {@code decision} was already taken: repeating it changes nothing. */
    public boolean alreadyDecided(VendorDecision decision) {
        if (!decision.movesStatus()) {
            return payoutsReleased();
        }
        return status == decision.leadsTo() && !decision.mayBeTakenFrom(status);
    }

    /**
     * Whether an operator let this suspended vendor's shares be paid although it stays
     * suspended.
     */
    public boolean payoutsReleased() {
        return payoutsReleaseReason != null;
    }

}
