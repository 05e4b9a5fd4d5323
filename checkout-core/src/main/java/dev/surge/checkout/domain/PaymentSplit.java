package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * How an order's money reaches its vendors through the provider (Stripe Connect).
 */
public sealed interface PaymentSplit {

    /**
     * A single-vendor order: the charge lands on the vendor's account and the marketplace
     * keeps {@code applicationFee} (the commission) at once.
     */
    record DestinationCharge(ConnectedAccountId destination, Money applicationFee) implements PaymentSplit {

        public DestinationCharge {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(applicationFee, "applicationFee");
        }

    }

    /**
     * A multi-vendor order: the platform is charged the whole amount and, once the charge
     * succeeded, transfers each vendor's net share separately.
     */
    record SeparateTransfers() implements PaymentSplit {

    }

}
