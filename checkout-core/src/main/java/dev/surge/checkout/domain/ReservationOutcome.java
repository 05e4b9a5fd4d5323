package dev.surge.checkout.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a reservation attempt came to; all-or-nothing, so nothing is held unless
 * {@link Reserved}.
 */
public sealed interface ReservationOutcome {

    /** Every line is held until the reservation's expiry. */
    record Reserved(Reservation reservation) implements ReservationOutcome {

        public Reserved {
            Objects.requireNonNull(reservation, "reservation");
        }

    }

    /** Some SKUs lack stock; nothing was reserved. */
    record OutOfStock(List<Shortfall> shortfalls) implements ReservationOutcome {

        public OutOfStock {
            shortfalls = List.copyOf(shortfalls);
        }

    }

    /**
     * Some lines would take the buyer past their SKU's per-buyer limit; nothing was
     * reserved.
     */
    record PurchaseCapped(List<CappedLine> lines) implements ReservationOutcome {

        public PurchaseCapped {
            lines = List.copyOf(lines);
        }

    }

    /**
     * The buyer already has as many holds at once (open, unpaid orders) as they may;
     * nothing was reserved.
     */
    record TooManyOpenHolds(int allowed) implements ReservationOutcome {
    }

    /**
     * A SKU of the reservation has a waiting room that has not admitted this shopper yet:
     * nothing was reserved; the ticket says when to come back.
     */
    record Queued(QueueTicket ticket) implements ReservationOutcome {
    }

    /**
     * Some SKUs are not stocked at all (unknown, or never given stock); nothing was
     * reserved.
     */
    record UnknownSkus(List<Sku> skus) implements ReservationOutcome {

        public UnknownSkus {
            skus = List.copyOf(skus);
        }

    }

    /**
     * This reservation id was used before and has since been released or has expired: a
     * retry must not quietly take stock again.
     */
    record AlreadyEnded(ReservationId id, ReservationState state) implements ReservationOutcome {
    }

}
