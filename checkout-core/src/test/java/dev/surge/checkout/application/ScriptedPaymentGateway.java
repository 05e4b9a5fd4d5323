package dev.surge.checkout.application;

import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.Payment;
import dev.surge.checkout.domain.PaymentConfirmation;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRequest;
import dev.surge.checkout.domain.PaymentStatus;
import dev.surge.checkout.domain.Refund;
import dev.surge.checkout.domain.RefundRequest;
import dev.surge.checkout.domain.Transfer;
import dev.surge.checkout.domain.TransferRequest;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.checkout.port.PaymentRequestRefused;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A payment provider whose payments are given by the test: it lists them (which is all
 * reconciliation needs) and remembers the cancellations, refunds and transfer reversals
 * asked of it, which succeed unless the test says a cancellation is refused (the payment
 * succeeded meanwhile).
 */
final class ScriptedPaymentGateway implements PaymentGateway {

    private final List<Payment> payments = new CopyOnWriteArrayList<>();

    final List<Instant> listedSince = new CopyOnWriteArrayList<>();

    final List<PaymentIntentId> cancelled = new CopyOnWriteArrayList<>();

    final List<RefundRequest> refunds = new CopyOnWriteArrayList<>();

    final List<String> reversedTransfers = new CopyOnWriteArrayList<>();

    private volatile boolean refuseCancels;

    ScriptedPaymentGateway with(Payment payment) {
        payments.add(payment);
        return this;
    }

    /** Cancellations are refused from now on, as Stripe refuses a succeeded payment's. */
    ScriptedPaymentGateway refusingCancels() {
        refuseCancels = true;
        return this;
    }

    @Override
    public Flux<Payment> createdSince(Instant since) {
        return Flux.defer(() -> {
            listedSince.add(since);
            List<Payment> recent = new ArrayList<>();
            payments.stream().filter(payment -> !payment.createdAt().isBefore(since)).forEach(recent::add);
            recent.sort(Comparator.comparing(Payment::createdAt).reversed());
            return Flux.fromIterable(recent);
        });
    }

    @Override
    public Mono<Payment> createPayment(PaymentRequest request) {
        return unsupported();
    }

    @Override
    public Mono<PaymentConfirmation> confirm(PaymentIntentId payment, String paymentMethod) {
        return unsupported();
    }

    @Override
    public Mono<Payment> cancel(PaymentIntentId payment) {
        return Mono.defer(() -> {
            if (refuseCancels) {
                return Mono.error(new PaymentRequestRefused("payment_intent_unexpected_state", "the payment succeeded",
                        new IllegalStateException()));
            }
            cancelled.add(payment);
            return Mono.just(new Payment(payment, null, Money.of(1, "EUR"), PaymentStatus.CANCELED, null, null, null,
                    Instant.EPOCH));
        });
    }

    @Override
    public Mono<Refund> refund(RefundRequest request) {
        return Mono.fromSupplier(() -> {
            refunds.add(request);
            return new Refund("re_" + refunds.size(), request.payment(), Money.of(1, "EUR"), "succeeded");
        });
    }

    @Override
    public Mono<Transfer> transfer(TransferRequest request) {
        return unsupported();
    }

    @Override
    public Mono<Void> reverseTransfer(OrderId orderId, String reference) {
        return Mono.fromRunnable(() -> reversedTransfers.add(reference));
    }

    @Override
    public Mono<Payment> retrieve(PaymentIntentId payment) {
        return Mono.defer(() -> payments.stream()
            .filter(scripted -> scripted.id().equals(payment))
            .findFirst()
            .map(Mono::just)
            .orElseGet(ScriptedPaymentGateway::unsupported));
    }

    private static <T> Mono<T> unsupported() {
        return Mono.error(new UnsupportedOperationException("not scripted"));
    }

}
