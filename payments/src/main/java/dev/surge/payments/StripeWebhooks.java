package dev.surge.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonParseException;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Account;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentIntentId;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Stripe webhook requests with stripe-java's own signature check (HMAC-SHA256
 * over the timestamp and the raw body, timestamp within the tolerance) and translates the
 * events Surge acts on into {@link PaymentEvent}s. CPU only, no I/O: safe on an event
 * loop.
 */
public final class StripeWebhooks {

    /**
     * The event types Surge acts on: subscribe the Stripe webhook endpoint to these only
     * (every other event is answered {@code ignored}, at the price of a request).
     */
    public static final Set<String> EVENT_TYPES = Set.of("payment_intent.succeeded", "payment_intent.payment_failed",
            "payment_intent.canceled", "charge.refunded", "charge.dispute.created", "account.updated",
            "account.application.deauthorized");

    private final @Nullable String secret;

    private final @Nullable String connectSecret;

    private final Duration tolerance;

    private final Clock clock;

    StripeWebhooks(@Nullable String secret, Duration tolerance, Clock clock) {
        this(secret, null, tolerance, clock);
    }

    /**
     * @param connectSecret the Connect endpoint's secret, for connected accounts' events
     * ({@code null} when they come to the platform endpoint, or not at all)
     */
    StripeWebhooks(@Nullable String secret, @Nullable String connectSecret, Duration tolerance, Clock clock) {
        this.secret = secret;
        this.connectSecret = connectSecret == null || connectSecret.isBlank() ? null : connectSecret;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * The payment event a verified webhook reports; empty for a verified event of a type
     * Surge does not act on.
     * @throws InvalidWebhook if the signature is missing or wrong, the timestamp is
     * outside the tolerance, or the body is not a Stripe event
     */
    public Optional<PaymentEvent> verify(String payload, @Nullable String signatureHeader) {
        return read(payload, signatureHeader).flatMap(notice -> notice instanceof StripeNotice.OfPayment payment
                ? Optional.of(payment.event()) : Optional.empty());
    }

    /**
     * What a verified webhook reports: a payment's event or a connected account's change;
     * empty for a verified event of a type Surge does not act on. Signed with the
     * platform endpoint's secret or, when configured, the Connect endpoint's.
     * @throws InvalidWebhook as {@link #verify}
     */
    public Optional<StripeNotice> read(String payload, @Nullable String signatureHeader) {
        if (secret == null || secret.isBlank()) {
            throw new InvalidWebhook(
                    "webhooks are not accepted: no signing secret is configured " + "(SURGE_STRIPE_WEBHOOK_SECRET)");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new InvalidWebhook("the Stripe-Signature header is missing");
        }
        Event event;
        try {
            event = constructEvent(payload, signatureHeader);
        }
        catch (SignatureVerificationException forged) {
            throw new InvalidWebhook("the Stripe-Signature does not match the body, or its timestamp is older than "
                    + tolerance.toMinutes() + " minutes", forged);
        }
        catch (JsonParseException | IllegalStateException | NullPointerException unreadable) {
            throw new InvalidWebhook("the body is not a Stripe event", unreadable);
        }
        catch (IllegalArgumentException | IndexOutOfBoundsException malformedHeader) {
            // stripe-java parses "t=<seconds>" without guarding it
            throw new InvalidWebhook("the Stripe-Signature header is malformed", malformedHeader);
        }
        return translate(event);
    }

    private Event constructEvent(String payload, String signatureHeader) throws SignatureVerificationException {
        try {
            return Webhook.constructEvent(payload, signatureHeader, secret, tolerance.toSeconds(), clock);
        }
        catch (SignatureVerificationException notThePlatforms) {
            if (connectSecret == null) {
                throw notThePlatforms;
            }
            return Webhook.constructEvent(payload, signatureHeader, connectSecret, tolerance.toSeconds(), clock);
        }
    }

    private Optional<StripeNotice> translate(Event event) {
        if (event.getId() == null || event.getType() == null || event.getCreated() == null) {
            throw new InvalidWebhook("the body is not a Stripe event");
        }
        if ("account.updated".equals(event.getType())) {
            Account account = dataObject(event, Account.class);
            if (account.getId() == null || !account.getId().startsWith("acct_")) {
                throw new InvalidWebhook("an account.updated event must carry an account id");
            }
            return Optional
                .of(new StripeNotice.OfPayoutAccount(event.getId(), new ConnectedAccountId(account.getId())));
        }
        if ("account.application.deauthorized".equals(event.getType())) {
            // The event names the account that left; its data is the platform's
            // application.
            String account = event.getAccount();
            if (account == null || !account.startsWith("acct_")) {
                throw new InvalidWebhook("an account.application.deauthorized event must name its account");
            }
            return Optional.of(new StripeNotice.OfDisconnectedAccount(event.getId(), new ConnectedAccountId(account)));
        }
        return payment(event).map(StripeNotice.OfPayment::new);
    }

    private Optional<PaymentEvent> payment(Event event) {
        Instant at = Instant.ofEpochSecond(event.getCreated());
        String id = event.getId();
        return switch (event.getType()) {
            case "payment_intent.succeeded" -> {
                PaymentIntent intent = dataObject(event, PaymentIntent.class);
                long received = intent.getAmountReceived() != null ? intent.getAmountReceived() : intent.getAmount();
                yield Optional.of(new PaymentEvent.PaymentSucceeded(id, new PaymentIntentId(intent.getId()),
                        StripePaymentGateway.orderId(intent.getMetadata()), at,
                        StripeAmounts.fromStripe(received, intent.getCurrency()), intent.getLatestCharge()));
            }
            case "payment_intent.payment_failed" -> {
                PaymentIntent intent = dataObject(event, PaymentIntent.class);
                yield Optional.of(new PaymentEvent.PaymentFailed(id, new PaymentIntentId(intent.getId()),
                        StripePaymentGateway.orderId(intent.getMetadata()), at,
                        StripePaymentGateway.payment(intent).declineCode()));
            }
            case "payment_intent.canceled" -> {
                PaymentIntent intent = dataObject(event, PaymentIntent.class);
                yield Optional.of(new PaymentEvent.PaymentCanceled(id, new PaymentIntentId(intent.getId()),
                        StripePaymentGateway.orderId(intent.getMetadata()), at));
            }
            case "charge.refunded" -> {
                Charge charge = dataObject(event, Charge.class);
                yield paymentOf(charge.getPaymentIntent()).map(payment -> new PaymentEvent.ChargeRefunded(id, payment,
                        StripePaymentGateway.orderId(charge.getMetadata()), at,
                        StripeAmounts.fromStripe(charge.getAmountRefunded(), charge.getCurrency()),
                        Boolean.TRUE.equals(charge.getRefunded())));
            }
            case "charge.dispute.created" -> {
                Dispute dispute = dataObject(event, Dispute.class);
                yield paymentOf(dispute.getPaymentIntent()).map(payment -> new PaymentEvent.DisputeOpened(id, payment,
                        StripePaymentGateway.orderId(dispute.getMetadata()), at, dispute.getId(),
                        dispute.getReason() != null ? dispute.getReason() : "unknown",
                        StripeAmounts.fromStripe(dispute.getAmount(), dispute.getCurrency())));
            }
            default -> Optional.empty();
        };
    }

    /** Charges without a PaymentIntent (legacy direct charges) are not Surge's. */
    private static Optional<PaymentIntentId> paymentOf(@Nullable String paymentIntent) {
        return Optional.ofNullable(paymentIntent).map(PaymentIntentId::new);
    }

    /**
     * The event's object. An event rendered for another API version than stripe-java's is
     * still read: Surge uses only fields stable across versions.
     */
    private static <T extends StripeObject> T dataObject(Event event, Class<T> type) {
        StripeObject object;
        try {
            object = event.getDataObjectDeserializer().getObject().isPresent()
                    ? event.getDataObjectDeserializer().getObject().get()
                    : event.getDataObjectDeserializer().deserializeUnsafe();
        }
        catch (EventDataObjectDeserializationException unreadable) {
            throw new InvalidWebhook("the event's object cannot be read", unreadable);
        }
        if (!type.isInstance(object)) {
            throw new InvalidWebhook("a " + event.getType() + " event must carry a " + type.getSimpleName());
        }
        return type.cast(object);
    }

}
