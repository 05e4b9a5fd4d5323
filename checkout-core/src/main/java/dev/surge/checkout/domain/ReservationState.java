package dev.surge.checkout.domain;

/**
 * The life of a reservation: held, then exactly one of committed, released or expired.
 */
public enum ReservationState {

    HELD, COMMITTED, RELEASED, EXPIRED, SHORT, UNKNOWN

}
