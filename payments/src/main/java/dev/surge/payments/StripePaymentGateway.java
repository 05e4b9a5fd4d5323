package dev.surge.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.stripe.StripeClient;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.TransferCreateParams;
import com.stripe.param.TransferListParams;
import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.Payment;
import dev.surge.checkout.domain.PaymentConfirmation;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRequest;
import dev.surge.checkout.domain.PaymentSplit;
import dev.surge.checkout.domain.PaymentStatus;
import dev.surge.checkout.domain.Refund;
import dev.surge.checkout.domain.RefundRequest;
import dev.surge.checkout.domain.Transfer;
import dev.surge.checkout.domain.TransferRequest;
import dev.surge.checkout.port.PaymentGateway;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The payment port on Stripe. Idempotency keys are derived from Surge's ids
 * ({@code order:{id}:create-intent}, {@code payment:{pi}:refund:{purpose}},
 * {@code order:{id}:transfer:{reference}}...), so the same logical operation, however
 * often retried by the pipeline or the caller, is one operation at Stripe; refunds, and
 * transfers that may have been attempted before Stripe's key window (24 hours), are also
 * looked up before they are created, since Stripe forgets keys after that. An operation
 * whose key Stripe answers with a failure it stored (a 500 while executing, replayed for
 * 24 hours) moves on to a key of its own (see {@link RetryKeys}) instead of being blocked
 * that long. The order id travels as metadata {@code order_id} and as the
 * {@code transfer_group}, so charges, transfers and webhooks lead back to the order.
 */
final class StripePaymentGateway implements PaymentGateway {

    static final String ORDER_ID = "order_id";

    private static final String PURPOSE = "purpose";

    private static final String REFERENCE = "reference";

    /**
     * Expanded where Surge reads payments to reconcile them: refunds live on the charge.
     */
    private static final String LATEST_CHARGE = "latest_charge";

    private static final long PAGE_SIZE = 100;

    private static final int MAX_PAGES = 100;

    /**
     * How long after its first attempt an operation's key surely still answers: Stripe
     * keeps keys for 24 hours; the hour left is the margin for clocks and slow retries.
     */
    static final Duration KEYS_SURELY_KEPT = Duration.ofHours(23);

    private final StripeClient stripe;

    private final StripeCalls calls;

    private final Clock clock;

    StripePaymentGateway(StripeClient stripe, StripeCalls calls, Clock clock) {
        this.stripe = stripe;
        this.calls = calls;
        this.clock = clock;
    }

    /**
     * Idempotent for the order within Stripe's 24-hour key window; the checkout stores
     * the PaymentIntent with the order, so it never asks again after that.
     */
    @Override
    public Mono<Payment> createPayment(PaymentRequest request) {
        RequestOptions options = idempotent("order:" + request.orderId() + ":create-intent");
        return calls.call("create-payment", () -> stripe.v1().paymentIntents().create(createParams(request), options))
            .map(StripePaymentGateway::payment);
    }

    /**
     * Each call is a new attempt with a key of its own, kept across the pipeline's
     * retries: Stripe stores a declined attempt's answer under its key, so reusing a key
     * would replay the old decline to a customer who tries the same card again. A
     * PaymentIntent succeeds at most once, so a repeated attempt can never charge twice.
     */
    @Override
    public Mono<PaymentConfirmation> confirm(PaymentIntentId payment, String paymentMethod) {
        return Mono.defer(() -> {
            // Unique, not secret: no SecureRandom (its reads of /dev/urandom would block
            // an event loop).
            ThreadLocalRandom random = ThreadLocalRandom.current();
            RequestOptions options = idempotent(
                    "payment:" + payment + ":confirm:" + new UUID(random.nextLong(), random.nextLong()));
            return calls.call("confirm-payment", () -> {
                PaymentIntentConfirmParams params = PaymentIntentConfirmParams.builder()
                    .setPaymentMethod(paymentMethod)
                    .build();
                try {
                    return confirmation(stripe.v1().paymentIntents().confirm(payment.value(), params, options));
                }
                catch (CardException declined) {
                    return declined(payment, declined);
                }
            });
        });
    }

    @Override
    public Mono<Payment> cancel(PaymentIntentId payment) {
        RetryKeys keys = new RetryKeys("payment:" + payment + ":cancel", clock);
        return calls
            .call("cancel-payment",
                    () -> keys.call(options -> stripe.v1()
                        .paymentIntents()
                        .cancel(payment.value(), PaymentIntentCancelParams.builder().build(), options)))
            .map(StripePaymentGateway::payment);
    }

    /**
     * Looks for the payment's refund with the same purpose first, so a retry beyond
     * Stripe's 24-hour idempotency window still refunds once.
     */
    @Override
    public Mono<Refund> refund(RefundRequest request) {
        RetryKeys keys = new RetryKeys("payment:" + request.payment() + ":refund:" + request.purpose(), clock);
        return calls.call("refund", () -> keys.call(options -> {
            RefundListParams existing = RefundListParams.builder()
                .setPaymentIntent(request.payment().value())
                .setLimit(PAGE_SIZE)
                .build();
            for (com.stripe.model.Refund refund : stripe.v1().refunds().list(existing).autoPagingIterable()) {
                if (refund.getMetadata() != null && request.purpose().equals(refund.getMetadata().get(PURPOSE))) {
                    return refund;
                }
            }
            RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setPaymentIntent(request.payment().value())
                .putMetadata(PURPOSE, request.purpose());
            if (request.amount() != null) {
                params.setAmount(StripeAmounts.toStripe(request.amount()));
            }
            if (request.reverseDestinationTransfer()) {
                params.setReverseTransfer(true).setRefundApplicationFee(true);
            }
            return stripe.v1().refunds().create(params.build(), options);
        }))
            .map(refund -> new Refund(refund.getId(), request.payment(),
                    StripeAmounts.fromStripe(refund.getAmount(), refund.getCurrency()), refund.getStatus()));
    }

    /**
     * Keyed by the share; when an earlier attempt may be older than Stripe's key window
     * (the share was owed before it), the order's transfer with the same reference is
     * looked for first, so a retry that late still pays the vendor once. A share owed
     * since less than that costs one call.
     */
    @Override
    public Mono<Transfer> transfer(TransferRequest request) {
        String transferGroup = request.orderId().toString();
        RetryKeys keys = new RetryKeys("order:" + request.orderId() + ":transfer:" + request.reference(), clock);
        boolean keyMayBeForgotten = request.owedSince().isBefore(clock.instant().minus(KEYS_SURELY_KEPT));
        return calls.call("transfer", () -> keys.call(options -> {
            // Under a new key, whether the failed try transferred is looked up first.
            if (keyMayBeForgotten || keys.movedOn()) {
                TransferListParams existing = TransferListParams.builder()
                    .setTransferGroup(transferGroup)
                    .setLimit(PAGE_SIZE)
                    .build();
                for (com.stripe.model.Transfer transfer : stripe.v1().transfers().list(existing).autoPagingIterable()) {
                    if (transfer.getMetadata() != null
                            && request.reference().equals(transfer.getMetadata().get(REFERENCE))) {
                        return transfer;
                    }
                }
            }
            TransferCreateParams.Builder params = TransferCreateParams.builder()
                .setAmount(StripeAmounts.toStripe(request.amount()))
                .setCurrency(StripeAmounts.currencyCode(request.amount()))
                .setDestination(request.destination().value())
                .setTransferGroup(transferGroup)
                .putMetadata(ORDER_ID, transferGroup)
                .putMetadata(REFERENCE, request.reference());
            if (request.sourceChargeId() != null) {
                params.setSourceTransaction(request.sourceChargeId());
            }
            return stripe.v1().transfers().create(params.build(), options);
        }))
            .map(transfer -> new Transfer(transfer.getId(), new ConnectedAccountId(transfer.getDestination()),
                    StripeAmounts.fromStripe(transfer.getAmount(), transfer.getCurrency()),
                    transfer.getTransferGroup()));
    }

    @Override
    public Mono<Void> reverseTransfer(OrderId orderId, String reference) {
        RetryKeys keys = new RetryKeys("order:" + orderId + ":transfer:" + reference + ":reversal", clock);
        return calls.call("reverse-transfer", () -> keys.call(options -> {
            TransferListParams existing = TransferListParams.builder()
                .setTransferGroup(orderId.toString())
                .setLimit(PAGE_SIZE)
                .build();
            for (com.stripe.model.Transfer transfer : stripe.v1().transfers().list(existing).autoPagingIterable()) {
                if (transfer.getMetadata() != null && reference.equals(transfer.getMetadata().get(REFERENCE))
                        && !Boolean.TRUE.equals(transfer.getReversed())) {
                    return stripe.v1().transfers().reversals().create(transfer.getId(), options);
                }
            }
            return null;
        })).then();
    }

    @Override
    public Mono<Payment> retrieve(PaymentIntentId payment) {
        return calls.call("retrieve-payment", () -> {
            try {
                // With its charge, so what was refunded of it is known too.
                return stripe.v1()
                    .paymentIntents()
                    .retrieve(payment.value(), PaymentIntentRetrieveParams.builder().addExpand(LATEST_CHARGE).build());
            }
            catch (InvalidRequestException missing) {
                if ("resource_missing".equals(missing.getCode())) {
                    return null;
                }
                throw missing;
            }
        }).map(StripePaymentGateway::payment);
    }

    @Override
    public Flux<Payment> createdSince(Instant since) {
        return page(since, null)
            .expand(page -> Boolean.TRUE.equals(page.getHasMore()) && !page.getData().isEmpty()
                    ? page(since, page.getData().getLast().getId()) : Mono.empty())
            .take(MAX_PAGES)
            .concatMapIterable(StripeCollection::getData)
            .map(StripePaymentGateway::payment);
    }

    private Mono<StripeCollection<PaymentIntent>> page(Instant since, @Nullable String startingAfter) {
        PaymentIntentListParams.Builder params = PaymentIntentListParams.builder()
            .setCreated(PaymentIntentListParams.Created.builder().setGte(since.getEpochSecond()).build())
            .addExpand("data." + LATEST_CHARGE)
            .setLimit(PAGE_SIZE);
        if (startingAfter != null) {
            params.setStartingAfter(startingAfter);
        }
        return calls.call("list-payments", () -> stripe.v1().paymentIntents().list(params.build()));
    }

    private static PaymentIntentCreateParams createParams(PaymentRequest request) {
        String orderId = request.orderId().toString();
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
            .setAmount(StripeAmounts.toStripe(request.amount()))
            .setCurrency(StripeAmounts.currencyCode(request.amount()))
            .addPaymentMethodType("card")
            .putMetadata(ORDER_ID, orderId)
            .setTransferGroup(orderId);
        if (request.customerEmail() != null) {
            params.setReceiptEmail(request.customerEmail());
        }
        if (request.split() instanceof PaymentSplit.DestinationCharge charge) {
            params.setApplicationFeeAmount(StripeAmounts.toStripe(charge.applicationFee()))
                .setTransferData(PaymentIntentCreateParams.TransferData.builder()
                    .setDestination(charge.destination().value())
                    .build());
        }
        return params.build();
    }

    private static PaymentConfirmation confirmation(PaymentIntent intent) {
        Payment payment = payment(intent);
        return switch (payment.status()) {
            case REQUIRES_ACTION -> new PaymentConfirmation.ActionRequired(payment);
            case REQUIRES_PAYMENT_METHOD -> new PaymentConfirmation.Declined(payment,
                    payment.declineCode() != null ? payment.declineCode() : "payment_failed",
                    "The payment method was not accepted.");
            default -> new PaymentConfirmation.Confirmed(payment);
        };
    }

    /** A card error carries the PaymentIntent as it stands after the decline. */
    private PaymentConfirmation declined(PaymentIntentId payment, CardException declined) throws StripeException {
        StripeError error = declined.getStripeError();
        PaymentIntent intent = error != null && error.getPaymentIntent() != null ? error.getPaymentIntent()
                : stripe.v1().paymentIntents().retrieve(payment.value());
        String code = declined.getDeclineCode() != null ? declined.getDeclineCode()
                : declined.getCode() != null ? declined.getCode() : "card_declined";
        String message = error != null && error.getMessage() != null ? error.getMessage() : "Your card was declined.";
        return new PaymentConfirmation.Declined(payment(intent), code, message);
    }

    static Payment payment(PaymentIntent intent) {
        StripeError lastError = intent.getLastPaymentError();
        String declineCode = lastError == null ? null
                : lastError.getDeclineCode() != null ? lastError.getDeclineCode() : lastError.getCode();
        Charge charge = intent.getLatestChargeObject();
        Payment.Refunded refunded = charge == null || charge.getAmountRefunded() == null ? null
                : new Payment.Refunded(StripeAmounts.fromStripe(charge.getAmountRefunded(), charge.getCurrency()),
                        Boolean.TRUE.equals(charge.getRefunded()));
        return new Payment(new PaymentIntentId(intent.getId()), orderId(intent.getMetadata()),
                StripeAmounts.fromStripe(intent.getAmount(), intent.getCurrency()), status(intent.getStatus()),
                intent.getClientSecret(), intent.getLatestCharge(), declineCode,
                Instant.ofEpochSecond(intent.getCreated()), refunded);
    }

    static @Nullable OrderId orderId(@Nullable Map<String, String> metadata) {
        String value = metadata == null ? null : metadata.get(ORDER_ID);
        if (value == null) {
            return null;
        }
        try {
            return new OrderId(UUID.fromString(value));
        }
        catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    static PaymentStatus status(String stripeStatus) {
        return PaymentStatus.valueOf(stripeStatus.toUpperCase(java.util.Locale.ROOT));
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    /**
     * The idempotency key of one operation: its own key, kept across the pipeline's
     * retries (Stripe then answers a retry with the first try's result, or 409 while that
     * try still runs, so a try that timed out is never made twice). Only when Stripe
     * answers a failure it stored for the key (a 500 while executing, replayed for 24
     * hours) does the operation move on, at once, to a key of its own: the operation's
     * key with the number of such moves and the minute it is made in, so two processes
     * moving on together in the same minute still share a key. The caller looks up
     * whether the failed try took effect before it creates anything under a new key
     * (refunds by purpose, transfers by reference, reversals by the transfer's state; a
     * cancel is itself idempotent).
     */
    static final class RetryKeys {

        private final String key;

        private final Clock clock;

        private final AtomicInteger movedOn = new AtomicInteger();

        private volatile String current;

        RetryKeys(String key, Clock clock) {
            this.key = key;
            this.clock = clock;
            this.current = key;
        }

        /** Whether the operation left its own key after a stored failure. */
        boolean movedOn() {
            return movedOn.get() > 0;
        }

        /**
         * Runs one try with the current key; if Stripe answers a failure it stored for
         * that key, once more with a new one.
         */
        <T> T call(KeyedCall<T> call) throws StripeException {
            try {
                return call.call(idempotent(current));
            }
            catch (ApiException failure) {
                if (!StripeErrors.isStoredFailure(failure)) {
                    throw failure;
                }
                current = key + ":retry-" + movedOn.incrementAndGet() + ":" + clock.instant().getEpochSecond() / 60;
                return call.call(idempotent(current));
            }
        }

    }

    /** A call to Stripe with the idempotency key it is given. */
    @FunctionalInterface
    interface KeyedCall<T> {

        T call(RequestOptions options) throws StripeException;

    }

}
