package dev.surge.api.web;

import java.util.Map;

import dev.surge.checkout.application.PaymentEventOutcome;
import dev.surge.checkout.application.SettlePayment;
import dev.surge.checkout.application.WorkPath;
import dev.surge.payments.InvalidWebhook;
import dev.surge.payments.StripeWebhooks;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Stripe's webhook endpoint. The signature is verified over the raw body before anything
 * else; the event is then recorded in one transaction with its effect, so a 200 means it
 * is durably handled, a replay answers 200 without effect, and a failure answers 5xx for
 * Stripe to deliver it again.
 */
@RestController
public class StripeWebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookController.class);

    private final StripeWebhooks webhooks;

    private final SettlePayment settlePayment;

    public StripeWebhookController(StripeWebhooks webhooks, SettlePayment settlePayment) {
        this.webhooks = webhooks;
        this.settlePayment = settlePayment;
    }

    @Operation(summary = "Receive a Stripe webhook event (Stripe-Signature verified)")
    @PostMapping(path = "/api/v1/webhooks/stripe")
    public Mono<Map<String, Object>> receive(@RequestBody String payload,
            @RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature) {
        return Mono.fromCallable(() -> webhooks.verify(payload, signature))
            .onErrorMap(InvalidWebhook.class,
                    invalid -> new ApiProblem(ProblemType.INVALID_WEBHOOK_SIGNATURE, invalid.getMessage()))
            .flatMap(event -> event.map(settlePayment::recordAndSettle)
                .map(outcome -> outcome.map(StripeWebhookController::answer))
                .orElseGet(() -> Mono.just(Map.of("received", true, "outcome", "ignored"))))
            .contextWrite(Context.of(WorkPath.KEY, WorkPath.WEBHOOK));
    }

    private static Map<String, Object> answer(PaymentEventOutcome outcome) {
        String result = switch (outcome) {
            case PaymentEventOutcome.Applied applied -> {
                LOG.info("Payment {} is {} after Stripe event {}", applied.record().payment(),
                        applied.record().status(), applied.event().eventId());
                yield "applied";
            }
            case PaymentEventOutcome.Superseded superseded -> "superseded";
            case PaymentEventOutcome.Duplicate duplicate -> "duplicate";
        };
        return Map.of("received", true, "outcome", result);
    }

}
