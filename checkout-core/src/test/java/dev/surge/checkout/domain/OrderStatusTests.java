package dev.surge.checkout.domain;

import static dev.surge.checkout.domain.OrderStatus.CANCELLED;
import static dev.surge.checkout.domain.OrderStatus.FULFILLED;
import static dev.surge.checkout.domain.OrderStatus.PAID;
import static dev.surge.checkout.domain.OrderStatus.PENDING_PAYMENT;
import static dev.surge.checkout.domain.OrderStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderStatusTests {

    /** The state machine as drawn: every arrow there is. */
    private static final Map<OrderStatus, Set<OrderStatus>> ARROWS = Map.of(PENDING_PAYMENT,
            EnumSet.of(PAID, CANCELLED), PAID, EnumSet.of(FULFILLED, REFUNDED), FULFILLED,
            EnumSet.noneOf(OrderStatus.class), CANCELLED, EnumSet.noneOf(OrderStatus.class), REFUNDED,
            EnumSet.noneOf(OrderStatus.class));

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allowedMoves")
    void makesEveryAllowedMove(OrderStatus from, OrderStatus to) {
        assertThat(from.canMoveTo(to)).isTrue();
        assertThat(from.moveTo(to)).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} -/-> {1}")
    @MethodSource("forbiddenMoves")
    void refusesEveryOtherMove(OrderStatus from, OrderStatus to) {
        assertThat(from.canMoveTo(to)).isFalse();
        assertThatThrownBy(() -> from.moveTo(to)).isInstanceOfSatisfying(IllegalOrderTransition.class, refused -> {
            assertThat(refused.from()).isEqualTo(from);
            assertThat(refused.to()).isEqualTo(to);
            assertThat(refused).hasMessageContaining(from.name()).hasMessageContaining(to.name());
        });
    }

    @Test
    void coversEveryPairOfStatuses() {
        assertThat(allowedMoves().count() + forbiddenMoves().count()).isEqualTo(25);
        assertThat(allowedMoves().map(Arguments::get).map(List::of)).containsExactlyInAnyOrder(
                List.of(PENDING_PAYMENT, PAID), List.of(PENDING_PAYMENT, CANCELLED), List.of(PAID, FULFILLED),
                List.of(PAID, REFUNDED));
    }

    @Test
    void endsInFulfilledCancelledOrRefunded() {
        for (OrderStatus last : List.of(FULFILLED, CANCELLED, REFUNDED)) {
            assertThat(OrderStatus.values()).as("moves from %s", last).noneMatch(last::canMoveTo);
        }
    }

    @Test
    void neverStaysWhereItIs() {
        assertThat(OrderStatus.values()).noneMatch(status -> status.canMoveTo(status));
    }

    static Stream<Arguments> allowedMoves() {
        return moves(true);
    }

    static Stream<Arguments> forbiddenMoves() {
        return moves(false);
    }

    private static Stream<Arguments> moves(boolean allowed) {
        List<Arguments> moves = new ArrayList<>();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                if (ARROWS.get(from).contains(to) == allowed) {
                    moves.add(Arguments.of(from, to));
                }
            }
        }
        return moves.stream();
    }

}
