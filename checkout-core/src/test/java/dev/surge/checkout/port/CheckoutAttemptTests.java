package dev.surge.checkout.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.port.CheckoutRequests.Attempt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckoutAttemptTests {

    private static final OrderId ORDER = new OrderId(UUID.fromString("6f1c3a52-8f0e-4d61-9d53-2f7c1d0b9e41"));

    @Test
    void theFirstAttemptPlacesTheClaimedOrderAndTookNothingOver() {
        Attempt first = new Attempt("key", ORDER, 1);

        assertThat(first.orderId()).isEqualTo(ORDER);
        assertThat(first.hold()).isEqualTo(new ReservationId(ORDER.value()));
        assertThat(first.earlierHolds()).isEmpty();
    }

    @Test
    void eachLaterAttemptPlacesAnOrderOfItsOwnHeldUnderItsIdAndKnowsTheEarlierOnes() {
        Attempt first = new Attempt("key", ORDER, 1);
        Attempt second = new Attempt("key", ORDER, 2);
        Attempt third = new Attempt("key", ORDER, 3);

        assertThat(second.orderId()).isNotEqualTo(first.orderId());
        assertThat(second.hold()).isEqualTo(new ReservationId(second.orderId().value())).isNotEqualTo(first.hold());
        assertThat(third.hold()).isNotIn(first.hold(), second.hold());
        assertThat(third.earlierHolds()).containsExactly(first.hold(), second.hold());
        // Derived, not drawn: another process computes the same holds to give them back.
        assertThat(new Attempt("key", ORDER, 2).hold()).isEqualTo(second.hold());
    }

    @Test
    void attemptsAreNumberedFromOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Attempt("key", ORDER, 0));
    }

}
