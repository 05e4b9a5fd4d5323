package dev.surge.checkout.domain;

/**
 * Where a vendor's part of an order stands: {@code PENDING} until its vendor takes it on
 * (the order paid or not), {@code ACCEPTED} once the vendor has (only a paid one),
 * {@code SHIPPED}, or {@code CANCELLED} with its order (or withdrawn for its refund).
 */
public enum SubOrderStatus {

    PENDING, ACCEPTED, SHIPPED, CANCELLED

}
