package dev.surge.checkout.domain;

import java.util.Set;

/**
 * Where an order stands. Only these moves exist: {@code PENDING_PAYMENT -> PAID |
 * CANCELLED}, {@code PAID -> FULFILLED | REFUNDED}; the others are final.
 */
public enum OrderStatus {

    PENDING_PAYMENT, PAID, FULFILLED, CANCELLED, REFUNDED;

    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case PENDING_PAYMENT -> Set.of(PAID, CANCELLED).contains(next);
            case PAID -> Set.of(FULFILLED, REFUNDED).contains(next);
            case FULFILLED, CANCELLED, REFUNDED -> false;
        };
    }

    /**
     * {@code next}, if this status may move there; throws {@link IllegalOrderTransition}
     * otherwise.
     */
    public OrderStatus moveTo(OrderStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalOrderTransition(this, next);
        }
        return next;
    }

}
