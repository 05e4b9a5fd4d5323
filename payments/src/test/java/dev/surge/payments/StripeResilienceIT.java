package dev.surge.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Payment;
import dev.surge.checkout.domain.RefundRequest;
import dev.surge.checkout.domain.PaymentRequest;
import dev.surge.checkout.domain.TransferRequest;
import dev.surge.checkout.port.PaymentUnavailable;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The resilience pipeline against a misbehaving Stripe stub: retries with the same
 * idempotency key never create a second PaymentIntent, an open circuit fails fast without
 * calling Stripe, a slow Stripe is cut off by the time limiter and the bulkhead caps the
 * calls in flight. Figures are printed for the closing note.
 */
class StripeResilienceIT {

    @Test
    void retriesServerErrorsAndRateLimitsWithTheSameKeyCreatingOnePayment() {
        try (StripeFixture stripe = StripeFixture.start(settings -> settings.maxAttempts(4))) {
            PaymentRequest request = StripeFixture.platformCharge(1_000, "EUR");
            stripe.stub.faults().failNext(2, 500);

            StepVerifier.create(stripe.gateway.createPayment(request).subscribeOn(Schedulers.parallel()))
                .expectNextCount(1)
                .verifyComplete();
            stripe.stub.faults().failNext(1, 429);
            StepVerifier.create(stripe.gateway.createPayment(request).subscribeOn(Schedulers.parallel()))
                .expectNextCount(1)
                .verifyComplete();

            int requests = stripe.stub.ledger().requestCount("POST /v1/payment_intents");
            System.out.printf(
                    "[figures] retry ledger: %d create requests (2x500, 1x429 injected) -> %d PaymentIntent%n",
                    requests, stripe.stub.ledger().paymentIntentCount());
            assertThat(requests).isEqualTo(5);
            assertThat(stripe.stub.ledger().paymentIntentCount()).isOne();
        }
    }

    @Test
    void stopsRetryingAFailureStripeStoredForTheKey() {
        try (StripeFixture stripe = StripeFixture.start(settings -> settings.maxAttempts(4))) {
            stripe.stub.faults().failNextWhileExecuting(1);

            StepVerifier.create(stripe.gateway.createPayment(StripeFixture.platformCharge(1_000, "EUR")))
                .expectError(PaymentUnavailable.class)
                .verify();

            System.out.printf(
                    "[figures] stored 500: %d create requests (first + one replayed retry), %d PaymentIntents%n",
                    stripe.stub.ledger().requestCount("POST /v1/payment_intents"),
                    stripe.stub.ledger().paymentIntentCount());
            assertThat(stripe.stub.ledger().requestCount("POST /v1/payment_intents")).isEqualTo(2);
            assertThat(stripe.stub.ledger().paymentIntentCount()).isZero();
        }
    }

    @Test
    void aRefundWhoseKeyHoldsAStoredFailureMovesOnToAKeyOfItsOwnAndRefundsOnce() {
        try (StripeFixture stripe = StripeFixture.start(settings -> settings.maxAttempts(1))) {
            Payment paid = stripe.gateway.createPayment(StripeFixture.platformCharge(5_000, "EUR"))
                .flatMap(created -> stripe.gateway.confirm(created.id(), "pm_card_visa"))
                .map(confirmation -> confirmation.payment())
                .block();
            RefundRequest refund = new RefundRequest(paid.id(), null, "order-cancelled");
            stripe.stub.faults().failNextWhileExecuting(1);
            StepVerifier.create(stripe.gateway.refund(refund)).expectError(PaymentUnavailable.class).verify();

            // Asked again later (an operator, the next pass): Stripe replays its stored
            // 500 for the refund's key for a day; the refund moves on to a key of its
            // own.
            StepVerifier.create(stripe.gateway.refund(refund))
                .assertNext(made -> assertThat(made.amount()).isEqualTo(Money.of(5_000, "EUR")))
                .verifyComplete();
            StepVerifier.create(stripe.gateway.refund(refund))
                .assertNext(again -> assertThat(again.amount()).isEqualTo(Money.of(5_000, "EUR")))
                .verifyComplete();
            assertThat(stripe.stub.ledger().refundCount()).isOne();
        }
    }

    @Test
    void retriesAfterATimeoutAndGetsTheFirstAttemptsPayment() {
        try (StripeFixture stripe = StripeFixture
            .start(settings -> settings.callTimeout(Duration.ofMillis(400), Duration.ofMillis(350)))) {
            PaymentRequest request = StripeFixture.platformCharge(1_000, "EUR");
            // The first attempt is executed by Stripe, but its answer comes too late.
            stripe.stub.faults().delayNext(1, Duration.ofSeconds(1));

            StepVerifier.create(stripe.gateway.createPayment(request).subscribeOn(Schedulers.parallel()))
                .assertNext(payment -> assertThat(payment.orderId()).isEqualTo(request.orderId()))
                .verifyComplete();

            System.out.printf("[figures] timeout ledger: %d create requests -> %d PaymentIntent%n",
                    stripe.stub.ledger().requestCount("POST /v1/payment_intents"),
                    stripe.stub.ledger().paymentIntentCount());
            assertThat(stripe.stub.ledger().requestCount("POST /v1/payment_intents")).isGreaterThanOrEqualTo(2);
            assertThat(stripe.stub.ledger().paymentIntentCount()).isOne();
        }
    }

    @Test
    void retriesATransferAfterATimeoutAndMovesTheMoneyOnce() {
        try (StripeFixture stripe = StripeFixture
            .start(settings -> settings.callTimeout(Duration.ofMillis(400), Duration.ofMillis(350)))) {
            Payment paid = stripe.gateway.createPayment(StripeFixture.platformCharge(10_000, "EUR"))
                .flatMap(p -> stripe.gateway.confirm(p.id(), "pm_card_visa"))
                .map(confirmation -> confirmation.payment())
                .block();
            TransferRequest share = new TransferRequest(paid.orderId(), "suborder-1",
                    new ConnectedAccountId("acct_vendor"), Money.of(8_800, "EUR"), paid.latestChargeId(),
                    Instant.now());
            stripe.stub.faults().delayNext(1, Duration.ofSeconds(1));

            StepVerifier.create(stripe.gateway.transfer(share).subscribeOn(Schedulers.parallel()))
                .assertNext(transfer -> assertThat(transfer.amount()).isEqualTo(Money.of(8_800, "EUR")))
                .verifyComplete();

            // The abandoned first attempt goes on creating the transfer while the retry
            // runs: the key keeps it one.
            System.out.printf("[figures] transfer timeout ledger: %d look-ups, %d transfer requests -> %d transfer%n",
                    stripe.stub.ledger().requestCount("GET /v1/transfers"),
                    stripe.stub.ledger().requestCount("POST /v1/transfers"), stripe.stub.ledger().transferCount());
            assertThat(stripe.stub.ledger().requestCount("POST /v1/transfers")).isGreaterThanOrEqualTo(2);
            assertThat(stripe.stub.ledger().transferCount()).isOne();
        }
    }

    @Test
    void opensTheCircuitOnFailuresFailsFastWhileOpenAndRecoversThroughHalfOpenProbes() {
        try (StripeFixture stripe = StripeFixture
            .start(settings -> settings.maxAttempts(1).circuit(10, Duration.ofSeconds(2)))) {
            stripe.stub.faults().failAlways(500);
            List<PaymentRequest> orders = new ArrayList<>();
            int callsUntilOpen = 0;
            while (stripe.calls.circuitBreaker().getState() != CircuitBreaker.State.OPEN && callsUntilOpen < 100) {
                PaymentRequest order = StripeFixture.platformCharge(500, "EUR");
                orders.add(order);
                StepVerifier.create(stripe.gateway.createPayment(order)).expectError(PaymentUnavailable.class).verify();
                callsUntilOpen++;
            }
            assertThat(stripe.calls.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(callsUntilOpen).isEqualTo(10);

            int requestsBefore = stripe.stub.ledger().requestCount("POST");
            long[] fastFailNanos = new long[200];
            for (int i = 0; i < fastFailNanos.length; i++) {
                long started = System.nanoTime();
                StepVerifier.create(stripe.gateway.createPayment(orders.get(i % orders.size())))
                    .expectErrorSatisfies(failure -> assertThat(((PaymentUnavailable) failure).retryAfter())
                        .isEqualTo(Duration.ofSeconds(2)))
                    .verify();
                fastFailNanos[i] = System.nanoTime() - started;
            }
            java.util.Arrays.sort(fastFailNanos);
            double medianMs = fastFailNanos[fastFailNanos.length / 2] / 1e6;
            double p99Ms = fastFailNanos[(int) (fastFailNanos.length * 0.99)] / 1e6;
            System.out.printf(
                    "[figures] circuit open after %d failing calls; fast-fail median %.3f ms, p99 %.3f ms, "
                            + "max %.3f ms over %d calls; Stripe requests while open: %d%n",
                    callsUntilOpen, medianMs, p99Ms, fastFailNanos[fastFailNanos.length - 1] / 1e6,
                    fastFailNanos.length, stripe.stub.ledger().requestCount("POST") - requestsBefore);
            assertThat(stripe.stub.ledger().requestCount("POST")).isEqualTo(requestsBefore);
            assertThat(medianMs).isLessThan(50);

            stripe.stub.faults().clear();
            await().atMost(Duration.ofSeconds(10))
                .until(() -> stripe.calls.circuitBreaker().getState() == CircuitBreaker.State.HALF_OPEN);
            Flux.fromIterable(orders.subList(0, 2))
                .concatMap(stripe.gateway::createPayment)
                .map(Payment::id)
                .as(StepVerifier::create)
                .expectNextCount(2)
                .verifyComplete();
            assertThat(stripe.calls.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            for (PaymentRequest order : orders) {
                assertThat(stripe.stub.ledger().paymentIntentCount(order.orderId().toString())).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void cutsOffASlowStripeAndCapsTheCallsInFlightWithoutBlockingTheCaller() {
        try (StripeFixture stripe = StripeFixture.start(settings -> settings.maxAttempts(1)
            .maxConcurrentCalls(4)
            .callTimeout(Duration.ofMillis(300), Duration.ofMillis(250)))) {
            stripe.stub.faults().delayResponses(Duration.ofMillis(800));

            Flux<Throwable> outcomes = Flux.range(0, 24)
                .flatMap(i -> stripe.gateway.createPayment(StripeFixture.platformCharge(100 + i, "EUR"))
                    .subscribeOn(Schedulers.parallel())
                    .map(Throwable.class::cast)
                    .onErrorResume(Mono::just), 24);

            StepVerifier.create(outcomes.collectList()).assertNext(failures -> {
                assertThat(failures).hasSize(24).allMatch(PaymentUnavailable.class::isInstance);
                long cutOff = failures.stream()
                    .filter(f -> f.getMessage().contains("did not answer") || f.getMessage().contains("reached"))
                    .count();
                long rejected = failures.stream().filter(f -> f.getMessage().contains("in flight")).count();
                System.out.printf(
                        "[figures] slow Stripe: %d calls cut off by the time limits, %d refused by the "
                                + "bulkhead, at most %d requests in flight at the stub (bulkhead 4)%n",
                        cutOff, rejected, stripe.stub.ledger().maxConcurrentRequests());
                assertThat(cutOff).isEqualTo(4);
                assertThat(rejected).isEqualTo(20);
            }).verifyComplete();
            assertThat(stripe.stub.ledger().maxConcurrentRequests()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void timeLimiterCutsOffACallThatKeepsItsThreadBlocked() {
        try (StripeFixture stripe = StripeFixture
            .start(settings -> settings.maxAttempts(1).callTimeout(Duration.ofMillis(200), Duration.ofMillis(150)))) {
            Mono<String> stuck = stripe.calls.call("stuck", () -> {
                sleep(Duration.ofSeconds(2));
                return "too late";
            });

            StepVerifier.create(stuck.subscribeOn(Schedulers.parallel()))
                .expectErrorSatisfies(failure -> assertThat(failure).isInstanceOf(PaymentUnavailable.class)
                    .hasMessageContaining("did not answer in 200 ms"))
                .verify(Duration.ofSeconds(1));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

}
