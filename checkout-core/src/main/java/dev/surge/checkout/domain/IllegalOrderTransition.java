package dev.surge.checkout.domain;

/** An order was asked to move where its state machine has no arrow. */
public final class IllegalOrderTransition extends RuntimeException {

    private final OrderStatus from;

    private final OrderStatus to;

    public IllegalOrderTransition(OrderStatus from, OrderStatus to) {
        super("an order cannot move from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }

}
