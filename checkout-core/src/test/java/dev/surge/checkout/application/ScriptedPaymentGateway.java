package dev.surge.checkout.application;

import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.Payment;
import dev.surge.checkout.domain.PaymentConfirmation;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRequest;
import dev.surge.checkout.domain.Refund;
import dev.surge.checkout.domain.RefundRequest;
import dev.surge.checkout.domain.Transfer;
import dev.surge.checkout.domain.TransferRequest;
import dev.surge.checkout.port.PaymentGateway;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A payment provider whose payments are given by the test; only listing them is
 * supported, which is all reconciliation needs.
 */
final class ScriptedPaymentGateway implements PaymentGateway {

    private final List<Payment> payments = new CopyOnWriteArrayList<>();

    final List<Instant> listedSince = new CopyOnWriteArrayList<>();

    ScriptedPaymentGateway with(Payment payment) {
        payments.add(payment);
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
        return unsupported();
    }

    @Override
    public Mono<Refund> refund(RefundRequest request) {
        return unsupported();
    }

    @Override
    public Mono<Transfer> transfer(TransferRequest request) {
        return unsupported();
    }

    @Override
    public Mono<Void> reverseTransfer(OrderId orderId, String reference) {
        return Mono.error(new UnsupportedOperationException("not scripted"));
    }

    @Override
    public Mono<Payment> retrieve(PaymentIntentId payment) {
        return unsupported();
    }

    private static <T> Mono<T> unsupported() {
        return Mono.error(new UnsupportedOperationException("not scripted"));
    }

}
