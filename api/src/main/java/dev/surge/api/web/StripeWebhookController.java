package dev.surge.api.web;

import java.util.Map;

import dev.surge.checkout.application.PaymentEventOutcome;
import dev.surge.checkout.application.SettlePayment;
import dev.surge.checkout.application.TrackPayoutAccount;
import dev.surge.checkout.application.WorkPath;
import dev.surge.payments.InvalidWebhook;
import dev.surge.payments.StripeNotice;
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

    private final TrackPayoutAccount trackPayoutAccount;

    public StripeWebhookController(StripeWebhooks webhooks, SettlePayment settlePayment,
            TrackPayoutAccount trackPayoutAccount) {
        this.webhooks = webhooks;
        this.settlePayment = settlePayment;
        this.trackPayoutAccount = trackPayoutAccount;
    }

    @Operation(summary = "Receive a Stripe webhook event (Stripe-Signature verified)")
    @PostMapping(path = "/api/v1/webhooks/stripe")
    public Mono<Map<String, Object>> receive(@RequestBody String payload,
            @RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature) {
        return Mono.fromCallable(() -> webhooks.read(payload, signature))
            .onErrorMap(InvalidWebhook.class,
                    invalid -> new ApiProblem(ProblemType.INVALID_WEBHOOK_SIGNATURE, invalid.getMessage()))
            .flatMap(notice -> notice.map(this::handle)
                .orElseGet(() -> Mono.just(Map.of("received", true, "outcome", "ignored"))))
            .contextWrite(Context.of(WorkPath.KEY, WorkPath.WEBHOOK));
    }

    private Mono<Map<String, Object>> handle(StripeNotice notice) {
        return switch (notice) {
            case StripeNotice.OfPayment payment ->
                settlePayment.recordAndSettle(payment.event()).map(StripeWebhookController::answer);
            case StripeNotice.OfPayoutAccount account ->
                trackPayoutAccount.track(account.account()).map(result -> answer(account.eventId(), result));
            case StripeNotice.OfDisconnectedAccount account ->
                trackPayoutAccount.disconnected(account.account()).map(result -> answer(account.eventId(), result));
        };
    }

    private static Map<String, Object> answer(String eventId, TrackPayoutAccount.Result result) {
        String outcome = switch (result) {
            case TrackPayoutAccount.Result.Changed changed -> {
                LOG.info("Vendor {}: payouts {} after Stripe event {}", changed.vendor().id(),
                        changed.vendor().payoutsEnabled() ? "enabled" : "disabled", eventId);
                yield "applied";
            }
            case TrackPayoutAccount.Result.Unchanged unchanged -> "unchanged";
            // Another platform's account, or one whose vendor is gone: nothing to do
            // here.
            case TrackPayoutAccount.Result.UnknownAccount unknown -> "ignored";
        };
        return Map.of("received", true, "outcome", outcome);
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
