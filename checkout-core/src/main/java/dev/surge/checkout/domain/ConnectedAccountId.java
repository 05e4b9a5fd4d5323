package dev.surge.checkout.domain;

/**
 * A vendor's account with the payment provider (a Stripe Connect account,
 * {@code acct_...}), which receives the vendor's share of an order.
 */
public record ConnectedAccountId(String value) {

    public ConnectedAccountId {
        Text.requireToken(value, "connected account id", 255);
        if (!value.startsWith("acct_")) {
            throw new IllegalArgumentException("connected account id must start with acct_: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }

}
