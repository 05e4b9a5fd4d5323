package dev.surge.checkout.domain;

/**
 * Where a vendor's part of an order stands: {@code PENDING} until the order is paid,
 * {@code ACCEPTED} once it is (the vendor ships), {@code SHIPPED}, or {@code CANCELLED}
 * with its order.
 */
public enum SubOrderStatus {

    PENDING, ACCEPTED, SHIPPED, CANCELLED

}
