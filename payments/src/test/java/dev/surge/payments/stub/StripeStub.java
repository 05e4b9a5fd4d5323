package dev.surge.payments.stub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.stripe.Stripe;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small, honest stand-in for the part of Stripe's API Surge uses, for tests and the
 * embedded runtime (this machine cannot reach Stripe). It speaks Stripe's wire format:
 * form-encoded requests, JSON objects shaped like Stripe's, errors in Stripe's error
 * format, {@code Idempotency-Key} semantics (same key and parameters replay the stored
 * answer, same key with other parameters is an {@code idempotency_error}, a key still in
 * flight answers 409), and webhook events signed with Stripe's scheme. stripe-java talks
 * to it by changing only its API base.
 *
 * <p>
 * Test payment methods behave as in Stripe's test mode: {@code pm_card_visa} (and any
 * other {@code pm_card_*}) succeeds, {@code pm_card_chargeDeclined} declines with
 * {@code card_declined}, {@code pm_card_chargeDeclinedInsufficientFunds} with
 * {@code insufficient_funds}, {@code pm_card_chargeDeclinedExpiredCard} with
 * {@code expired_card}, and {@code pm_card_authenticationRequired} requires 3-D Secure.
 * {@link #faults()} and {@link #webhooks()} inject failures; {@link #ledger()} counts
 * what happened.
 */
public final class StripeStub implements AutoCloseable {

    /** The API key the stub accepts; any other answers 401 as Stripe would. */
    public static final String API_KEY = "sk_test_surge_stub";

    private static final Pattern INTENT_ACTION = Pattern.compile("/v1/payment_intents/([^/]+)(/(confirm|cancel))?");

    private static final Pattern ACCOUNT = Pattern.compile("/v1/accounts/(acct_[A-Za-z0-9]+)");

    /**
     * Where the stand-in serves its onboarding "pages" (Stripe's are on
     * connect.stripe.com).
     */
    private static final String ONBOARDING_PATH = "/connect/onboarding/";

    /** Stripe's account links expire after a few minutes. */
    private static final Duration LINK_LIFETIME = Duration.ofMinutes(5);

    private static final Pattern TRANSFER_REVERSAL = Pattern.compile("/v1/transfers/([^/]+)/reversals");

    private static final Map<String, String[]> DECLINES = Map.of("pm_card_chargeDeclined",
            new String[] { "card_declined", "generic_decline", "Your card was declined." },
            "pm_card_chargeDeclinedInsufficientFunds",
            new String[] { "card_declined", "insufficient_funds", "Your card has insufficient funds." },
            "pm_card_chargeDeclinedExpiredCard",
            new String[] { "expired_card", "expired_card", "Your card has expired." });

    private static final Set<String> AUTHENTICATION_REQUIRED = Set.of("pm_card_authenticationRequired",
            "pm_card_threeDSecure2Required");

    private static final Gson GSON = new Gson();

    /**
     * Objects of each kind, events and idempotent answers kept, newest first: bounded, so
     * a long load test never fills the stand-in's heap (about 25 KB per paid journey in
     * all; a full heap stalled the stand-in for seconds in garbage collection). A count,
     * not an age: at 70 journeys/s an idempotency key is forgotten after a minute or two
     * and a PaymentIntent after about five (Stripe keeps keys 24 hours), so a retry after
     * that executes again and an expiry cancelling an older PaymentIntent finds none.
     * Fault tests stay far below it.
     */
    static final int RETAINED = 20_000;

    private final SecureRandom random = new SecureRandom();

    private final Clock clock;

    private final HttpServer server;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private final StubLedger ledger = new StubLedger();

    private final StubFaults faults = new StubFaults();

    private final StubWebhooks webhooks;

    /**
     * The newest answers by idempotency key (Stripe keeps keys for 24 hours; a stand-in
     * under a long load test keeps the newest {@link #RETAINED}).
     */
    private final Map<String, StoredAnswer> idempotentAnswers = new LinkedHashMap<>() {

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredAnswer> eldest) {
            return size() > RETAINED;
        }

    };

    private final Set<String> keysInFlight = new HashSet<>();

    private StripeStub(int port, Clock clock) throws IOException {
        this.clock = clock;
        this.webhooks = new StubWebhooks("whsec_" + randomId(32), clock);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.createContext("/v1/", this::handle);
        server.createContext(ONBOARDING_PATH, this::onboard);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a stub on a free port of the loopback interface. */
    public static StripeStub start() {
        return start(0);
    }

    public static StripeStub start(int port) {
        try {
            return new StripeStub(port, Clock.systemUTC());
        }
        catch (IOException failed) {
            throw new IllegalStateException("could not start the Stripe stub on port " + port, failed);
        }
    }

    /** The base URL to give stripe-java instead of https://api.stripe.com. */
    public URI apiBase() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String apiKey() {
        return API_KEY;
    }

    public StubFaults faults() {
        return faults;
    }

    public StubWebhooks webhooks() {
        return webhooks;
    }

    public StubLedger ledger() {
        return ledger;
    }

    /**
     * The customer's bank disputes the PaymentIntent's charge: records a dispute and
     * sends {@code charge.dispute.created}. Returns the dispute id.
     */
    public String openDispute(String paymentIntentId, String reason) {
        String eventJson;
        String disputeId;
        synchronized (ledger) {
            JsonObject charge = succeededChargeOf(paymentIntentId);
            JsonObject dispute = object("dp", "dispute");
            dispute.addProperty("amount", charge.get("amount").getAsLong());
            dispute.addProperty("currency", StubLedger.string(charge, "currency"));
            dispute.addProperty("charge", StubLedger.string(charge, "id"));
            dispute.addProperty("payment_intent", paymentIntentId);
            dispute.addProperty("reason", reason);
            dispute.addProperty("status", "needs_response");
            dispute.add("metadata", new JsonObject());
            charge.addProperty("disputed", true);
            ledger.disputes.put(StubLedger.string(dispute, "id"), dispute);
            disputeId = StubLedger.string(dispute, "id");
            eventJson = event("charge.dispute.created", dispute, null);
        }
        webhooks.publish("charge.dispute.created", eventJson);
        return disputeId;
    }

    /**
     * The vendor finishes onboarding on Stripe's pages (what following an account link
     * does): payouts are enabled and {@code account.updated} is sent.
     */
    public void completeOnboarding(String accountId) {
        updateAccount(accountId, true);
    }

    /**
     * Stripe restricts the account (a verification failed, say): payouts are disabled and
     * {@code account.updated} is sent.
     */
    public void restrictPayouts(String accountId) {
        updateAccount(accountId, false);
    }

    /**
     * The account's owner disconnects it from the platform (a Standard account can):
     * {@code account.application.deauthorized} is sent, naming the account; its data is
     * the platform's application.
     */
    public void deauthorize(String accountId) {
        String eventJson;
        synchronized (ledger) {
            account(accountId);
            JsonObject application = new JsonObject();
            application.addProperty("id", "ca_" + randomId(24));
            application.addProperty("object", "application");
            application.addProperty("name", "Surge");
            JsonObject event = GSON.fromJson(event("account.application.deauthorized", application, null),
                    JsonObject.class);
            event.addProperty("account", accountId);
            ledger.events.set(ledger.events.size() - 1, event);
            eventJson = GSON.toJson(event);
        }
        webhooks.publish("account.application.deauthorized", eventJson);
    }

    /** The account as Stripe would answer it now. */
    public String accountJson(String accountId) {
        synchronized (ledger) {
            return GSON.toJson(copy(account(accountId)));
        }
    }

    private void updateAccount(String accountId, boolean enabled) {
        String eventJson;
        synchronized (ledger) {
            JsonObject account = account(accountId);
            stand(account, true, enabled, List.of());
            eventJson = event("account.updated", account, null);
        }
        webhooks.publish("account.updated", eventJson);
    }

    /**
     * Forgets every stored idempotent answer, as Stripe does with keys older than 24
     * hours.
     */
    public void forgetIdempotencyKeys() {
        synchronized (idempotentAnswers) {
            idempotentAnswers.clear();
        }
    }

    /**
     * Sends an event the stub created before once more, as Stripe does when it retries a
     * delivery.
     */
    public void resendEvent(String type, String paymentIntentId) {
        String eventJson;
        synchronized (ledger) {
            eventJson = ledger.events.stream()
                .filter(event -> type.equals(StubLedger.string(event, "type")))
                .filter(event -> paymentIntentId
                    .equals(intentOf(event.getAsJsonObject("data").getAsJsonObject("object"))))
                .reduce((first, second) -> second)
                .map(GSON::toJson)
                .orElseThrow(() -> new IllegalArgumentException("no " + type + " event for " + paymentIntentId));
        }
        webhooks.publish(type, eventJson);
    }

    /**
     * The JSON of the newest event of {@code type}, for tests that replay or tamper with
     * it.
     */
    public String newestEventJson(String type) {
        synchronized (ledger) {
            return ledger.events.stream()
                .filter(event -> type.equals(StubLedger.string(event, "type")))
                .reduce((first, second) -> second)
                .map(GSON::toJson)
                .orElseThrow(() -> new IllegalArgumentException("no " + type + " event"));
        }
    }

    /**
     * The JSON of the newest event of {@code type} about the PaymentIntent, for tests
     * that replay or tamper with it.
     */
    public String eventJson(String type, String paymentIntentId) {
        synchronized (ledger) {
            return ledger.events.stream()
                .filter(event -> type.equals(StubLedger.string(event, "type")))
                .filter(event -> paymentIntentId
                    .equals(intentOf(event.getAsJsonObject("data").getAsJsonObject("object"))))
                .reduce((first, second) -> second)
                .map(GSON::toJson)
                .orElseThrow(() -> new IllegalArgumentException("no " + type + " event for " + paymentIntentId));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        webhooks.close();
        executor.shutdownNow();
    }

    // --- HTTP ----------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        ledger.requestStarted(method + " " + path);
        try (exchange) {
            Answer answer = answer(exchange, method, path);
            Duration latency = faults.latency();
            if (!latency.isZero()) {
                sleep(latency);
            }
            respond(exchange, answer);
        }
        finally {
            ledger.requestFinished();
        }
    }

    private Answer answer(HttpExchange exchange, String method, String path) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + API_KEY).equals(authorization)) {
            return Answer.of(StubError.of(401, "invalid_request_error", null, "Invalid API Key provided."));
        }
        var injected = faults.failureFor();
        if (injected.isPresent()) {
            return Answer.of(injected.get());
        }
        String encoded = "GET".equals(method) ? exchange.getRequestURI().getRawQuery()
                : body(exchange.getRequestBody());
        FormParams params;
        try {
            params = FormParams.parse(encoded);
        }
        catch (IllegalArgumentException malformed) {
            return Answer.of(StubError.invalidRequest("parameter_invalid", null, "Malformed form body."));
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (!"POST".equals(method) || key == null) {
            return execute(method, path, params);
        }
        return executeIdempotently(key, method + " " + path, params, () -> execute(method, path, params));
    }

    private Answer executeIdempotently(String key, String endpoint, FormParams params,
            java.util.function.Supplier<Answer> work) {
        synchronized (idempotentAnswers) {
            StoredAnswer stored = idempotentAnswers.get(key);
            if (stored != null) {
                if (!stored.endpoint().equals(endpoint) || !stored.params().equals(params.canonical())) {
                    return Answer.of(StubError.of(400, "idempotency_error", null,
                            "Keys for idempotent requests can only be used with the same parameters they were first "
                                    + "used with. Try using a key other than '" + key
                                    + "' if you meant to execute a different request."));
                }
                return stored.answer().asReplay();
            }
            if (!keysInFlight.add(key)) {
                return Answer.of(StubError.of(409, "invalid_request_error", "idempotency_key_in_use",
                        "There is currently another in-progress request using this Stripe token (probably "
                                + "the same idempotency key). Please retry your request."));
            }
        }
        Answer answer = null;
        try {
            answer = work.get();
            return answer;
        }
        finally {
            synchronized (idempotentAnswers) {
                keysInFlight.remove(key);
                if (answer != null && answer.storedForReplay()) {
                    idempotentAnswers.put(key, new StoredAnswer(endpoint, params.canonical(), answer));
                }
            }
        }
    }

    private Answer execute(String method, String path, FormParams params) {
        List<JsonObject> events;
        Answer answer;
        synchronized (ledger) {
            int eventsBefore = ledger.events.size();
            try {
                var outage = "POST".equals(method) ? faults.executionFailure() : java.util.Optional.<StubError>empty();
                if (outage.isPresent()) {
                    throw outage.get();
                }
                answer = Answer.of(200, route(method, path, params));
            }
            catch (StubError failure) {
                answer = Answer.of(failure);
            }
            events = List.copyOf(ledger.events.subList(eventsBefore, ledger.events.size()));
            ledger.forgetAllButNewest(RETAINED);
        }
        events.forEach(event -> webhooks.publish(StubLedger.string(event, "type"), GSON.toJson(event)));
        return answer;
    }

    private JsonObject route(String method, String path, FormParams params) {
        if ("/v1/payment_intents".equals(path)) {
            return switch (method) {
                case "POST" -> createPaymentIntent(params);
                case "GET" -> listPaymentIntents(params);
                default -> throw unknownRoute(method, path);
            };
        }
        Matcher intent = INTENT_ACTION.matcher(path);
        if (intent.matches()) {
            JsonObject paymentIntent = paymentIntent(intent.group(1));
            String action = intent.group(3);
            if (action == null && "GET".equals(method)) {
                return withCharge(copy(paymentIntent), params.expands("latest_charge"));
            }
            if ("POST".equals(method) && "confirm".equals(action)) {
                return confirm(paymentIntent, params);
            }
            if ("POST".equals(method) && "cancel".equals(action)) {
                return cancel(paymentIntent, params);
            }
        }
        if ("/v1/refunds".equals(path)) {
            return switch (method) {
                case "POST" -> createRefund(params);
                case "GET" -> list("/v1/refunds", ledger.refundsOf(params.get("payment_intent")), any -> true, params);
                default -> throw unknownRoute(method, path);
            };
        }
        if ("/v1/transfers".equals(path)) {
            return switch (method) {
                case "POST" -> createTransfer(params);
                case "GET" ->
                    list("/v1/transfers", ledger.transfersInGroup(params.get("transfer_group")), any -> true, params);
                default -> throw unknownRoute(method, path);
            };
        }
        if ("POST".equals(method) && "/v1/accounts".equals(path)) {
            return createAccount(params);
        }
        Matcher account = ACCOUNT.matcher(path);
        if ("GET".equals(method) && account.matches()) {
            return copy(account(account.group(1)));
        }
        if ("POST".equals(method) && "/v1/account_links".equals(path)) {
            return createAccountLink(params);
        }
        Matcher reversal = TRANSFER_REVERSAL.matcher(path);
        if ("POST".equals(method) && reversal.matches()) {
            return reverseTransfer(reversal.group(1), params);
        }
        throw unknownRoute(method, path);
    }

    /**
     * A refund of a destination charge with {@code reverse_transfer}: the connected
     * account gives back its transfer in proportion to the refund (all of what is left
     * for a full refund).
     */
    private void reverseDestinationTransfer(JsonObject charge, long refunded) {
        long chargeAmount = charge.get("amount").getAsLong();
        boolean full = charge.get("amount_refunded").getAsLong() + refunded == chargeAmount;
        ledger.transfersFrom(StubLedger.string(charge, "id")).stream().findFirst().ifPresent(transfer -> {
            long left = transfer.get("amount").getAsLong() - transfer.get("amount_reversed").getAsLong();
            long share = full ? left : Math.min(left, transfer.get("amount").getAsLong() * refunded / chargeAmount);
            reverse(transfer, share, left);
        });
    }

    /**
     * Takes a transfer back from the connected account, in full unless an amount is
     * given.
     */
    private JsonObject reverseTransfer(String transferId, FormParams params) {
        JsonObject transfer = ledger.transfers.get(transferId);
        if (transfer == null) {
            throw StubError.missing("transfer", transferId);
        }
        long left = transfer.get("amount").getAsLong() - transfer.get("amount_reversed").getAsLong();
        Long requested = params.optionalLong("amount");
        long amount = requested == null ? left : requested;
        if (amount < 1 || amount > left) {
            throw StubError.invalidRequest("amount_too_large", "amount",
                    "Reversal amount (" + amount + ") exceeds what is left of the transfer (" + left + ")");
        }
        JsonObject reversalObject = object("trr", "transfer_reversal");
        reversalObject.addProperty("amount", amount);
        reversalObject.addProperty("currency", StubLedger.string(transfer, "currency"));
        reversalObject.addProperty("transfer", transferId);
        reverse(transfer, amount, left);
        return copy(reversalObject);
    }

    /**
     * Takes {@code amount} of what is {@code left} of a transfer back from its connected
     * account.
     */
    private void reverse(JsonObject transfer, long amount, long left) {
        transfer.addProperty("amount_reversed", transfer.get("amount_reversed").getAsLong() + amount);
        transfer.addProperty("reversed", amount == left);
        event("transfer.reversed", transfer, null);
    }

    // --- Connect accounts -------------------------------------------------------------

    private JsonObject createAccount(FormParams params) {
        String type = params.get("type");
        if (type != null && !Set.of("express", "standard", "custom").contains(type)) {
            throw StubError.invalidRequest("parameter_invalid", "type",
                    "Invalid type: must be one of custom, express, or standard");
        }
        JsonObject account = object("acct", "account");
        account.addProperty("type", type == null ? "express" : type);
        putOptional(account, "email", params.get("email"));
        account.addProperty("country", params.get("country") == null ? "US" : params.get("country"));
        stand(account, false, false,
                List.of("business_type", "external_account", "tos_acceptance.date", "tos_acceptance.ip"));
        if (!"true".equals(params.get("capabilities[transfers][requested]"))) {
            account.add("capabilities", new JsonObject());
        }
        account.add("metadata", GSON.toJsonTree(params.hash("metadata")));
        ledger.accounts.put(StubLedger.string(account, "id"), account);
        return copy(account);
    }

    /**
     * The account with that id. Accounts Surge only refers to (the demo vendors' and
     * tests' {@code acct_...} ids, as the stand-in accepts any as a transfer's
     * destination) exist as fully onboarded accounts from their first mention.
     */
    private JsonObject account(String id) {
        JsonObject account = ledger.accounts.get(id);
        if (account != null) {
            return account;
        }
        if (!id.matches("acct_[A-Za-z0-9]+")) {
            throw StubError.missing("account", id);
        }
        account = new JsonObject();
        account.addProperty("id", id);
        account.addProperty("object", "account");
        account.addProperty("type", "express");
        account.addProperty("created", clock.instant().getEpochSecond());
        stand(account, true, true, List.of());
        ledger.accounts.put(id, account);
        return account;
    }

    /**
     * Where the account stands: whether the vendor filled the form in, whether it may be
     * paid (charges, payouts, the transfers capability), and what Stripe still needs.
     */
    private static void stand(JsonObject account, boolean detailsSubmitted, boolean enabled, List<String> due) {
        account.addProperty("details_submitted", detailsSubmitted);
        account.addProperty("charges_enabled", enabled);
        account.addProperty("payouts_enabled", enabled);
        JsonObject capabilities = new JsonObject();
        capabilities.addProperty("transfers", enabled ? "active" : "inactive");
        account.add("capabilities", capabilities);
        JsonObject requirements = new JsonObject();
        JsonArray currentlyDue = new JsonArray();
        due.forEach(currentlyDue::add);
        requirements.add("currently_due", currentlyDue);
        requirements.add("disabled_reason", enabled ? JsonNull.INSTANCE : GSON.toJsonTree("requirements.past_due"));
        account.add("requirements", requirements);
    }

    private JsonObject createAccountLink(FormParams params) {
        String accountId = params.require("account");
        account(accountId);
        String type = params.require("type");
        if (!Set.of("account_onboarding", "account_update").contains(type)) {
            throw StubError.invalidRequest("parameter_invalid", "type",
                    "Invalid type: must be one of account_onboarding or account_update");
        }
        URI refresh = absoluteUrl(params.require("refresh_url"), "refresh_url");
        URI back = absoluteUrl(params.require("return_url"), "return_url");
        String token = randomId(32);
        long now = clock.instant().getEpochSecond();
        JsonObject link = new JsonObject();
        link.addProperty("object", "account_link");
        link.addProperty("created", now);
        link.addProperty("expires_at", now + LINK_LIFETIME.toSeconds());
        link.addProperty("url", apiBase() + ONBOARDING_PATH + token);
        JsonObject kept = link.deepCopy();
        kept.addProperty("account", accountId);
        kept.addProperty("refresh_url", refresh.toString());
        kept.addProperty("return_url", back.toString());
        ledger.accountLinks.put(token, kept);
        return link;
    }

    private static URI absoluteUrl(String value, String param) {
        try {
            URI uri = URI.create(value);
            if (uri.isAbsolute() && uri.getHost() != null) {
                return uri;
            }
        }
        catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw StubError.invalidRequest("url_invalid", param, "Not a valid URL");
    }

    /**
     * The vendor's browser follows an account link: the stand-in's onboarding "form" is
     * filled in at once, payouts are enabled, and the browser is sent to the return URL.
     * A used or expired link goes to the refresh URL instead, as Stripe's do.
     */
    private void onboard(HttpExchange exchange) throws IOException {
        try (exchange) {
            String token = exchange.getRequestURI().getPath().substring(ONBOARDING_PATH.length());
            JsonObject link;
            boolean usable;
            synchronized (ledger) {
                link = ledger.accountLinks.get(token);
                usable = link != null && !link.has("used")
                        && clock.instant().getEpochSecond() <= link.get("expires_at").getAsLong();
                if (usable) {
                    link.addProperty("used", true);
                }
            }
            if (link == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (usable) {
                completeOnboarding(StubLedger.string(link, "account"));
            }
            exchange.getResponseHeaders()
                .set("Location", StubLedger.string(link, usable ? "return_url" : "refresh_url"));
            exchange.sendResponseHeaders(302, -1);
        }
    }

    // --- PaymentIntents ------------------------------------------------------------

    private JsonObject createPaymentIntent(FormParams params) {
        long amount = params.requireLong("amount");
        if (amount < 1) {
            throw StubError.invalidRequest("parameter_invalid_integer", "amount",
                    "This value must be greater than or equal to 1.");
        }
        String currency = currency(params);
        JsonObject intent = object("pi", "payment_intent");
        String id = StubLedger.string(intent, "id");
        intent.addProperty("amount", amount);
        intent.addProperty("amount_capturable", 0);
        intent.addProperty("amount_received", 0);
        intent.addProperty("currency", currency);
        intent.addProperty("status", "requires_payment_method");
        intent.addProperty("client_secret", id + "_secret_" + randomId(24));
        intent.addProperty("capture_method", "automatic");
        intent.addProperty("confirmation_method", "automatic");
        intent.add("metadata", GSON.toJsonTree(params.hash("metadata")));
        JsonArray types = new JsonArray();
        params.hash("payment_method_types").values().forEach(types::add);
        if (types.isEmpty()) {
            types.add("card");
        }
        intent.add("payment_method_types", types);
        putOptional(intent, "transfer_group", params.get("transfer_group"));
        putOptional(intent, "receipt_email", params.get("receipt_email"));
        intent.add("latest_charge", JsonNull.INSTANCE);
        intent.add("last_payment_error", JsonNull.INSTANCE);
        intent.add("payment_method", JsonNull.INSTANCE);
        intent.add("next_action", JsonNull.INSTANCE);
        intent.add("canceled_at", JsonNull.INSTANCE);
        intent.add("cancellation_reason", JsonNull.INSTANCE);
        String destination = params.get("transfer_data[destination]");
        Long fee = params.optionalLong("application_fee_amount");
        if (destination != null) {
            requireAccount(destination, "transfer_data[destination]");
            JsonObject transferData = new JsonObject();
            transferData.addProperty("destination", destination);
            intent.add("transfer_data", transferData);
        }
        else {
            intent.add("transfer_data", JsonNull.INSTANCE);
        }
        if (fee != null) {
            if (destination == null) {
                throw StubError.invalidRequest("parameter_invalid", "application_fee_amount",
                        "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct "
                                + "payment (using an OAuth key or Stripe-Account header) or destination payment "
                                + "(using `transfer_data[destination]`).");
            }
            if (fee > amount) {
                throw StubError.invalidRequest("parameter_invalid", "application_fee_amount",
                        "The application fee cannot exceed the amount.");
            }
            intent.addProperty("application_fee_amount", fee);
        }
        else {
            intent.add("application_fee_amount", JsonNull.INSTANCE);
        }
        ledger.paymentIntents.put(id, intent);
        event("payment_intent.created", intent, null);
        return copy(intent);
    }

    private JsonObject confirm(JsonObject intent, FormParams params) {
        String status = StubLedger.string(intent, "status");
        if (!Set.of("requires_payment_method", "requires_confirmation", "requires_action").contains(status)) {
            throw StubError.unexpectedState("This PaymentIntent's payment_method could not be updated because it has a "
                    + "status of " + status + ". You may only update the payment_method of a PaymentIntent with one "
                    + "of the following statuses: requires_payment_method, requires_confirmation, requires_action.");
        }
        String paymentMethod = params.get("payment_method") != null ? params.get("payment_method")
                : StubLedger.string(intent, "payment_method");
        if (paymentMethod == null) {
            throw StubError.invalidRequest("payment_intent_unexpected_state", "payment_method",
                    "You cannot confirm this PaymentIntent because it's missing a payment method.");
        }
        if (!paymentMethod.startsWith("pm_card_")) {
            throw StubError.invalidRequest("resource_missing", "payment_method",
                    "No such PaymentMethod: '" + paymentMethod + "'");
        }
        intent.addProperty("payment_method", paymentMethod);
        String[] decline = DECLINES.get(paymentMethod);
        if (decline != null) {
            throw decline(intent, paymentMethod, decline[0], decline[1], decline[2]);
        }
        if (AUTHENTICATION_REQUIRED.contains(paymentMethod) && !"requires_action".equals(status)) {
            intent.addProperty("status", "requires_action");
            JsonObject nextAction = new JsonObject();
            nextAction.addProperty("type", "use_stripe_sdk");
            intent.add("next_action", nextAction);
            event("payment_intent.requires_action", intent, null);
            return copy(intent);
        }
        return succeed(intent);
    }

    private JsonObject succeed(JsonObject intent) {
        long amount = intent.get("amount").getAsLong();
        JsonObject charge = charge(intent, "succeeded");
        intent.addProperty("status", "succeeded");
        intent.addProperty("amount_received", amount);
        intent.add("last_payment_error", JsonNull.INSTANCE);
        intent.add("next_action", JsonNull.INSTANCE);
        event("charge.succeeded", charge, null);
        if (intent.get("transfer_data").isJsonObject()) {
            destinationTransfer(intent, charge);
        }
        event("payment_intent.succeeded", intent, null);
        return copy(intent);
    }

    /**
     * A destination charge moves the amount less the application fee to the connected
     * account at once.
     */
    private void destinationTransfer(JsonObject intent, JsonObject charge) {
        long fee = intent.get("application_fee_amount").isJsonNull() ? 0
                : intent.get("application_fee_amount").getAsLong();
        JsonObject transfer = object("tr", "transfer");
        transfer.addProperty("amount", intent.get("amount").getAsLong() - fee);
        transfer.addProperty("currency", StubLedger.string(intent, "currency"));
        transfer.addProperty("destination", StubLedger.string(intent.getAsJsonObject("transfer_data"), "destination"));
        transfer.addProperty("source_transaction", StubLedger.string(charge, "id"));
        putOptional(transfer, "transfer_group", StubLedger.string(intent, "transfer_group"));
        transfer.add("metadata", new JsonObject());
        transfer.addProperty("reversed", false);
        transfer.addProperty("amount_reversed", 0);
        ledger.addTransfer(transfer);
        event("transfer.created", transfer, null);
    }

    private StubError decline(JsonObject intent, String paymentMethod, String code, String declineCode,
            String message) {
        JsonObject charge = charge(intent, "failed");
        charge.addProperty("failure_code", code);
        charge.addProperty("failure_message", message);
        JsonObject error = new JsonObject();
        error.addProperty("type", "card_error");
        error.addProperty("code", code);
        error.addProperty("decline_code", declineCode);
        error.addProperty("message", message);
        error.addProperty("charge", StubLedger.string(charge, "id"));
        error.addProperty("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        intent.addProperty("status", "requires_payment_method");
        intent.add("last_payment_error", error.deepCopy());
        event("charge.failed", charge, null);
        event("payment_intent.payment_failed", intent, null);
        StubError failure = new StubError(402, error);
        failure.error.add("payment_intent", copy(intent));
        return failure;
    }

    private JsonObject cancel(JsonObject intent, FormParams params) {
        String status = StubLedger.string(intent, "status");
        if ("succeeded".equals(status) || "canceled".equals(status)) {
            throw StubError.unexpectedState("You cannot cancel this PaymentIntent because it has a status of " + status
                    + ". Only a PaymentIntent with one of the following statuses may be canceled: "
                    + "requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.");
        }
        intent.addProperty("status", "canceled");
        intent.addProperty("canceled_at", clock.instant().getEpochSecond());
        putOptional(intent, "cancellation_reason", params.get("cancellation_reason"));
        intent.add("next_action", JsonNull.INSTANCE);
        event("payment_intent.canceled", intent, null);
        return copy(intent);
    }

    private JsonObject listPaymentIntents(FormParams params) {
        Long createdGte = params.optionalLong("created[gte]");
        JsonObject list = list("/v1/payment_intents", ledger.paymentIntents.values(),
                intent -> createdGte == null || intent.get("created").getAsLong() >= createdGte, params);
        boolean expanded = params.expands("data.latest_charge");
        list.getAsJsonArray("data").forEach(intent -> withCharge(intent.getAsJsonObject(), expanded));
        return list;
    }

    /**
     * The intent (a copy) with its latest charge in place of the charge's id when the
     * request asked to expand it, as Stripe's {@code expand[]} does.
     */
    private JsonObject withCharge(JsonObject intent, boolean expanded) {
        String chargeId = StubLedger.string(intent, "latest_charge");
        JsonObject charge = chargeId == null ? null : ledger.charges.get(chargeId);
        if (expanded && charge != null) {
            intent.add("latest_charge", copy(charge));
        }
        return intent;
    }

    /**
     * One page of the objects {@code filter} keeps, newest first, as Stripe lists them.
     */
    private JsonObject list(String url, Collection<JsonObject> objects, Predicate<JsonObject> filter,
            FormParams params) {
        Long limitParam = params.optionalLong("limit");
        int limit = limitParam == null ? 10 : (int) Math.max(1, Math.min(100, limitParam));
        List<JsonObject> matching = objects.stream()
            .filter(filter)
            .sorted(Comparator.comparing((JsonObject object) -> object.get("_seq").getAsLong()).reversed())
            .toList();
        String startingAfter = params.get("starting_after");
        int from = 0;
        if (startingAfter != null) {
            for (int i = 0; i < matching.size(); i++) {
                if (startingAfter.equals(StubLedger.string(matching.get(i), "id"))) {
                    from = i + 1;
                }
            }
        }
        JsonObject list = new JsonObject();
        list.addProperty("object", "list");
        list.addProperty("url", url);
        list.addProperty("has_more", from + limit < matching.size());
        JsonArray data = new JsonArray();
        matching.subList(Math.min(from, matching.size()), Math.min(from + limit, matching.size()))
            .forEach(object -> data.add(copy(object)));
        list.add("data", data);
        return list;
    }

    // --- Refunds, transfers ----------------------------------------------------------

    private JsonObject createRefund(FormParams params) {
        String intentId = params.get("payment_intent");
        JsonObject charge = intentId != null ? succeededChargeOf(intentId)
                : ledger.charges.get(params.require("charge"));
        if (charge == null) {
            throw StubError.missing("charge", params.get("charge"));
        }
        long remaining = charge.get("amount").getAsLong() - charge.get("amount_refunded").getAsLong();
        if (remaining == 0) {
            throw StubError.invalidRequest("charge_already_refunded", null,
                    "Charge " + StubLedger.string(charge, "id") + " has already been refunded.");
        }
        Long requested = params.optionalLong("amount");
        long amount = requested == null ? remaining : requested;
        if (amount < 1 || amount > remaining) {
            throw StubError.invalidRequest("amount_too_large", "amount",
                    "Refund amount (" + amount + ") is greater than unrefunded amount on charge (" + remaining + ")");
        }
        JsonObject refund = object("re", "refund");
        refund.addProperty("amount", amount);
        refund.addProperty("currency", StubLedger.string(charge, "currency"));
        refund.addProperty("charge", StubLedger.string(charge, "id"));
        refund.addProperty("payment_intent", StubLedger.string(charge, "payment_intent"));
        refund.addProperty("status", "succeeded");
        refund.add("metadata", GSON.toJsonTree(params.hash("metadata")));
        ledger.addRefund(refund);
        if ("true".equals(params.get("reverse_transfer"))) {
            reverseDestinationTransfer(charge, amount);
        }
        charge.addProperty("amount_refunded", charge.get("amount_refunded").getAsLong() + amount);
        charge.addProperty("refunded", amount == remaining);
        event("refund.created", refund, null);
        event("charge.refunded", charge, null);
        return copy(refund);
    }

    private JsonObject createTransfer(FormParams params) {
        long amount = params.requireLong("amount");
        String currency = currency(params);
        String destination = params.require("destination");
        requireAccount(destination, "destination");
        String source = params.get("source_transaction");
        if (source != null) {
            JsonObject charge = ledger.charges.get(source);
            if (charge == null || !"succeeded".equals(StubLedger.string(charge, "status"))) {
                throw StubError.invalidRequest("resource_missing", "source_transaction",
                        "No such charge: '" + source + "'");
            }
            long alreadyTransferred = ledger.transfersFrom(source)
                .stream()
                .mapToLong(transfer -> transfer.get("amount").getAsLong())
                .sum();
            if (alreadyTransferred + amount > charge.get("amount").getAsLong()) {
                throw StubError.invalidRequest("balance_insufficient", "amount",
                        "Transfers from this charge would exceed its amount.");
            }
        }
        JsonObject transfer = object("tr", "transfer");
        transfer.addProperty("amount", amount);
        transfer.addProperty("currency", currency);
        transfer.addProperty("destination", destination);
        putOptional(transfer, "source_transaction", source);
        putOptional(transfer, "transfer_group", params.get("transfer_group"));
        transfer.add("metadata", GSON.toJsonTree(params.hash("metadata")));
        transfer.addProperty("reversed", false);
        transfer.addProperty("amount_reversed", 0);
        ledger.addTransfer(transfer);
        event("transfer.created", transfer, null);
        return copy(transfer);
    }

    // --- objects -------------------------------------------------------------------

    private JsonObject charge(JsonObject intent, String status) {
        JsonObject charge = object("ch", "charge");
        charge.addProperty("amount", intent.get("amount").getAsLong());
        charge.addProperty("amount_captured", "succeeded".equals(status) ? intent.get("amount").getAsLong() : 0);
        charge.addProperty("amount_refunded", 0);
        charge.addProperty("currency", StubLedger.string(intent, "currency"));
        charge.addProperty("payment_intent", StubLedger.string(intent, "id"));
        charge.addProperty("payment_method", StubLedger.string(intent, "payment_method"));
        charge.addProperty("status", status);
        charge.addProperty("paid", "succeeded".equals(status));
        charge.addProperty("captured", "succeeded".equals(status));
        charge.addProperty("refunded", false);
        charge.addProperty("disputed", false);
        putOptional(charge, "transfer_group", StubLedger.string(intent, "transfer_group"));
        // Stripe copies the PaymentIntent's metadata onto its charges.
        charge.add("metadata", intent.get("metadata").deepCopy());
        ledger.charges.put(StubLedger.string(charge, "id"), charge);
        intent.addProperty("latest_charge", StubLedger.string(charge, "id"));
        return charge;
    }

    private JsonObject succeededChargeOf(String paymentIntentId) {
        JsonObject intent = paymentIntent(paymentIntentId);
        if (!"succeeded".equals(StubLedger.string(intent, "status"))) {
            throw StubError.invalidRequest("payment_intent_unexpected_state", "payment_intent",
                    "This PaymentIntent (" + paymentIntentId + ") does not have a successful charge to refund.");
        }
        return ledger.charges.get(StubLedger.string(intent, "latest_charge"));
    }

    private JsonObject paymentIntent(String id) {
        JsonObject intent = ledger.paymentIntents.get(id);
        if (intent == null) {
            throw StubError.missing("payment_intent", id);
        }
        return intent;
    }

    private JsonObject object(String prefix, String type) {
        JsonObject object = new JsonObject();
        object.addProperty("id", prefix + "_" + randomId(24));
        object.addProperty("object", type);
        object.addProperty("created", clock.instant().getEpochSecond());
        object.addProperty("livemode", false);
        object.addProperty("_seq", System.nanoTime());
        return object;
    }

    /** Records an event with a snapshot of {@code object}; returns its JSON. */
    private String event(String type, JsonObject object, String idempotencyKey) {
        JsonObject event = object("evt", "event");
        event.addProperty("api_version", Stripe.API_VERSION);
        event.addProperty("type", type);
        event.addProperty("pending_webhooks", 1);
        JsonObject data = new JsonObject();
        data.add("object", copy(object));
        event.add("data", data);
        JsonObject request = new JsonObject();
        request.addProperty("id", "req_" + randomId(14));
        putOptional(request, "idempotency_key", idempotencyKey);
        event.add("request", request);
        event.remove("_seq");
        ledger.events.add(event);
        return GSON.toJson(event);
    }

    private static String intentOf(JsonObject object) {
        return "payment_intent".equals(StubLedger.string(object, "object")) ? StubLedger.string(object, "id")
                : StubLedger.string(object, "payment_intent");
    }

    /** A copy without the stub's internal ordering field. */
    private static JsonObject copy(JsonObject object) {
        JsonObject copy = object.deepCopy();
        copy.remove("_seq");
        return copy;
    }

    private static void putOptional(JsonObject object, String member, String value) {
        object.add(member, value == null ? JsonNull.INSTANCE : GSON.toJsonTree(value));
    }

    private static String currency(FormParams params) {
        String currency = params.require("currency");
        if (!currency.matches("[a-z]{3}")) {
            throw StubError.invalidRequest("parameter_invalid", "currency", "Invalid currency: " + currency);
        }
        return currency;
    }

    private static void requireAccount(String account, String param) {
        if (!account.startsWith("acct_")) {
            throw StubError.invalidRequest("resource_missing", param, "No such destination: '" + account + "'");
        }
    }

    private static StubError unknownRoute(String method, String path) {
        return StubError.of(404, "invalid_request_error", null,
                "Unrecognized request URL (" + method + ": " + path + ").");
    }

    private String randomId(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static String body(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    private void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Request-Id", "req_" + randomId(14));
        headers.set("Stripe-Version", Stripe.API_VERSION);
        if (answer.replayed()) {
            headers.set("Idempotent-Replayed", "true");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** An HTTP answer as stored for idempotent replays. */
    private record Answer(int status, String body, boolean replayed, boolean storedForReplay) {

        static Answer of(int status, JsonElement body) {
            return new Answer(status, GSON.toJson(body), false, true);
        }

        static Answer of(StubError failure) {
            return new Answer(failure.status, GSON.toJson(failure.body()), false, failure.storedForReplay);
        }

        Answer asReplay() {
            return new Answer(status, body, true, true);
        }

    }

    private record StoredAnswer(String endpoint, String params, Answer answer) {
    }

}
