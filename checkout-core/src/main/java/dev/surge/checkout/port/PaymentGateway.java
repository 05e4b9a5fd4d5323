package dev.surge.checkout.port;

import java.time.Instant;

import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.Payment;
import dev.surge.checkout.domain.PaymentConfirmation;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRequest;
import dev.surge.checkout.domain.Refund;
import dev.surge.checkout.domain.RefundRequest;
import dev.surge.checkout.domain.Transfer;
import dev.surge.checkout.domain.TransferRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The payment provider (Stripe). Every mutating call is idempotent: it carries a key
 * derived from Surge's own ids, so calling it again for the same order, payment, refund
 * purpose or transfer reference, after a timeout or a crash, returns the first result and
 * never collects or moves money twice. The provider keeps keys for 24 hours: a payment is
 * created once within that window (the checkout stores it with the order), refunds and
 * transfers are looked up by purpose and reference before being created, so they stay
 * single at any time.
 *
 * <p>
 * Every method errors with {@link PaymentUnavailable} when the provider cannot be reached
 * in time, answers with a server error or rate limit after the configured retries, or the
 * circuit breaker is open; and with {@link PaymentRequestRefused} when the provider
 * refuses the request itself (for example refunding more than was collected).
 */
public interface PaymentGateway {

    /**
     * Creates the payment for an order, awaiting confirmation. Emits it with its client
     * secret; for the same order the same payment however often it is called.
     */
    Mono<Payment> createPayment(PaymentRequest request);

    /**
     * Confirms the payment server-side with a payment method (for example
     * {@code pm_card_visa}). Emits the outcome, a decline included: a decline is a value,
     * not an error.
     */
    Mono<PaymentConfirmation> confirm(PaymentIntentId payment, String paymentMethod);

    /** Cancels a payment that has not succeeded. Emits the canceled payment. */
    Mono<Payment> cancel(PaymentIntentId payment);

    /** Refunds a successful payment, in full or in part. Emits the accepted refund. */
    Mono<Refund> refund(RefundRequest request);

    /** Moves a vendor's share to its connected account. Emits the transfer. */
    Mono<Transfer> transfer(TransferRequest request);

    /**
     * Takes back a vendor's share transferred for an order (the transfer with this
     * reference), in full, once. Completes empty when there is no such transfer or it was
     * reversed already.
     */
    Mono<Void> reverseTransfer(OrderId orderId, String reference);

    /**
     * Emits the payment as the provider sees it now; completes empty if it does not
     * exist.
     */
    Mono<Payment> retrieve(PaymentIntentId payment);

    /**
     * Emits the payments created at or after {@code since}, newest first, across as many
     * pages as needed; used to repair payments whose webhook never arrived.
     */
    Flux<Payment> createdSince(Instant since);

}
