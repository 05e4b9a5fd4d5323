package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What Surge knows for certain about one payment, built only from verified provider
 * events. Applying events is monotonic, so delivery order does not matter: a final status
 * ({@code SUCCEEDED}, {@code CANCELED}) is never left, an event older than the last one
 * applied never changes a non-final status, the refunded amount only grows and a dispute
 * stays recorded.
 *
 * @param chargeId the charge that collected the money, once an event named it
 * @param refunded everything refunded so far; {@code null} while nothing was
 * @param lastEventAt when the newest applied event happened
 * @param version the stored revision, for optimistic locking; 0 before it is first stored
 */
public record PaymentRecord(PaymentIntentId payment, @Nullable OrderId orderId, PaymentStatus status,
        @Nullable String declineCode, @Nullable String chargeId, @Nullable Money refunded, boolean fullyRefunded,
        boolean disputed, Instant lastEventAt, long version) {

    public PaymentRecord {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastEventAt, "lastEventAt");
    }

    /** A payment no event has been applied to yet. */
    public static PaymentRecord unknown(PaymentIntentId payment, @Nullable OrderId orderId) {
        return new PaymentRecord(payment, orderId, PaymentStatus.REQUIRES_PAYMENT_METHOD, null, null, null, false,
                false, Instant.EPOCH, 0);
    }

    public boolean isStored() {
        return version > 0;
    }

    /**
     * The record after {@code event}, or empty when the event changes nothing (it is
     * older than what is known, or repeats it).
     */
    public Optional<PaymentRecord> apply(PaymentEvent event) {
        if (!event.payment().equals(payment)) {
            throw new IllegalArgumentException(
                    "event " + event.eventId() + " is about " + event.payment() + ", not " + payment);
        }
        return switch (event) {
            case PaymentEvent.PaymentSucceeded succeeded ->
                status.isFinal() ? Optional.empty() : Optional.of(moveTo(PaymentStatus.SUCCEEDED, null, succeeded));
            case PaymentEvent.PaymentCanceled canceled ->
                status.isFinal() ? Optional.empty() : Optional.of(moveTo(PaymentStatus.CANCELED, null, canceled));
            case PaymentEvent.PaymentFailed failed ->
                status.isFinal() || failed.occurredAt().isBefore(lastEventAt) ? Optional.empty()
                        : Optional.of(moveTo(PaymentStatus.REQUIRES_PAYMENT_METHOD, failed.declineCode(), failed))
                            .filter(next -> !next.equals(this));
            case PaymentEvent.ChargeRefunded refund -> applyRefund(refund);
            case PaymentEvent.DisputeOpened dispute ->
                disputed ? Optional.empty() : Optional.of(collected(dispute).withDisputed());
        };
    }

    private Optional<PaymentRecord> applyRefund(PaymentEvent.ChargeRefunded refund) {
        boolean more = refunded == null || refund.amountRefunded().compareTo(refunded) > 0;
        boolean nowFull = refund.fullyRefunded() && !fullyRefunded;
        if (!more && !nowFull) {
            return Optional.empty();
        }
        PaymentRecord collected = collected(refund);
        Money total = more ? refund.amountRefunded() : refunded;
        return Optional.of(new PaymentRecord(payment, collected.orderId, collected.status, collected.declineCode,
                collected.chargeId, total, fullyRefunded || refund.fullyRefunded(), disputed, collected.lastEventAt,
                version));
    }

    /**
     * A refund or dispute proves the money was collected, even if its success event is
     * late; a final status stays (canceling an uncaptured payment refunds its charge
     * too).
     */
    private PaymentRecord collected(PaymentEvent event) {
        return status.isFinal() ? touchedBy(event) : moveTo(PaymentStatus.SUCCEEDED, null, event);
    }

    private PaymentRecord moveTo(PaymentStatus next, @Nullable String nextDeclineCode, PaymentEvent event) {
        return new PaymentRecord(payment, orderOf(event), next, nextDeclineCode, chargeOf(event), refunded,
                fullyRefunded, disputed, latest(event), version);
    }

    private PaymentRecord touchedBy(PaymentEvent event) {
        return new PaymentRecord(payment, orderOf(event), status, declineCode, chargeOf(event), refunded, fullyRefunded,
                disputed, latest(event), version);
    }

    private PaymentRecord withDisputed() {
        return new PaymentRecord(payment, orderId, status, declineCode, chargeId, refunded, fullyRefunded, true,
                lastEventAt, version);
    }

    private @Nullable OrderId orderOf(PaymentEvent event) {
        return orderId != null ? orderId : event.orderId();
    }

    private @Nullable String chargeOf(PaymentEvent event) {
        return chargeId == null && event instanceof PaymentEvent.PaymentSucceeded succeeded ? succeeded.chargeId()
                : chargeId;
    }

    private Instant latest(PaymentEvent event) {
        return event.occurredAt().isAfter(lastEventAt) ? event.occurredAt() : lastEventAt;
    }

}
