package dev.surge.payments.stub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonObject;

/**
 * Everything the stub has done, for tests to count: objects created (each exactly once
 * per idempotent operation, or a test has found a double charge), requests received and
 * the most requests it served at once.
 */
public final class StubLedger {

    final Map<String, JsonObject> paymentIntents = new LinkedHashMap<>();

    final Map<String, JsonObject> charges = new LinkedHashMap<>();

    final Map<String, JsonObject> refunds = new LinkedHashMap<>();

    final Map<String, JsonObject> transfers = new LinkedHashMap<>();

    final Map<String, JsonObject> disputes = new LinkedHashMap<>();

    final List<JsonObject> events = new ArrayList<>();

    /** Connected accounts (a handful: never forgotten). */
    final Map<String, JsonObject> accounts = new LinkedHashMap<>();

    /** Onboarding links by the token in their URL. */
    final Map<String, JsonObject> accountLinks = new LinkedHashMap<>();

    /**
     * Transfers and refunds by what Surge looks them up by, so a long load test does not
     * scan every object ever made on each look-up (Stripe's own look-ups are indexed
     * too).
     */
    private final Map<String, List<JsonObject>> transfersByGroup = new HashMap<>();

    private final Map<String, List<JsonObject>> transfersBySource = new HashMap<>();

    private final Map<String, List<JsonObject>> refundsByPaymentIntent = new HashMap<>();

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private final AtomicInteger inFlight = new AtomicInteger();

    private final AtomicInteger maxInFlight = new AtomicInteger();

    public synchronized int paymentIntentCount() {
        return paymentIntents.size();
    }

    /** PaymentIntents created with this {@code metadata[order_id]}. */
    public synchronized int paymentIntentCount(String orderId) {
        return (int) paymentIntents.values()
            .stream()
            .filter(intent -> orderId.equals(intent.getAsJsonObject("metadata").get("order_id") == null ? null
                    : intent.getAsJsonObject("metadata").get("order_id").getAsString()))
            .count();
    }

    /** PaymentIntents that are not canceled: those that may still collect money. */
    public synchronized int livePaymentIntentCount() {
        return (int) paymentIntents.values()
            .stream()
            .filter(intent -> !"canceled".equals(string(intent, "status")))
            .count();
    }

    /** Successful charges, that is money actually collected. */
    public synchronized int succeededChargeCount() {
        return (int) charges.values().stream().filter(charge -> "succeeded".equals(string(charge, "status"))).count();
    }

    /** Connected accounts opened through the API (not those only referred to). */
    public synchronized int openedAccountCount() {
        return (int) accounts.values().stream().filter(account -> account.has("metadata")).count();
    }

    public synchronized int refundCount() {
        return refunds.size();
    }

    /**
     * What a connected account holds from transfers, reversals deducted, in the smallest
     * currency unit.
     */
    public synchronized long transferredTo(String account) {
        return transfers.values()
            .stream()
            .filter(transfer -> account.equals(string(transfer, "destination")))
            .mapToLong(transfer -> transfer.get("amount").getAsLong() - transfer.get("amount_reversed").getAsLong())
            .sum();
    }

    public synchronized int transferCount() {
        return transfers.size();
    }

    /**
     * The status of a PaymentIntent ({@code succeeded}, {@code canceled}...), or null if
     * unknown.
     */
    public synchronized String statusOf(String paymentIntentId) {
        JsonObject intent = paymentIntents.get(paymentIntentId);
        return intent == null ? null : string(intent, "status");
    }

    /** Event types in creation order. */
    public synchronized List<String> eventTypes() {
        return events.stream().map(event -> string(event, "type")).toList();
    }

    /**
     * Requests received whose {@code METHOD /path} starts with {@code prefix}, e.g.
     * {@code POST /v1/payment_intents}.
     */
    public int requestCount(String prefix) {
        return requests.entrySet()
            .stream()
            .filter(entry -> entry.getKey().startsWith(prefix))
            .mapToInt(entry -> entry.getValue().get())
            .sum();
    }

    /** The most API requests the stub was serving at the same moment. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    void requestStarted(String methodAndPath) {
        requests.computeIfAbsent(methodAndPath, key -> new AtomicInteger()).incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    void requestFinished() {
        inFlight.decrementAndGet();
    }

    /**
     * Forgets all but the newest {@code keep} objects of each kind and events (a long
     * load test must not fill the stand-in's heap; Stripe's own look-ups of objects that
     * old are not exercised). Keeps the look-up indexes in step.
     */
    synchronized void forgetAllButNewest(int keep) {
        forgetOldest(paymentIntents, keep, any -> {
        });
        forgetOldest(charges, keep, any -> {
        });
        forgetOldest(disputes, keep, any -> {
        });
        forgetOldest(transfers, keep, transfer -> {
            unindex(transfersByGroup, string(transfer, "transfer_group"), transfer);
            unindex(transfersBySource, string(transfer, "source_transaction"), transfer);
        });
        forgetOldest(refunds, keep,
                refund -> unindex(refundsByPaymentIntent, string(refund, "payment_intent"), refund));
        if (events.size() > keep) {
            events.subList(0, events.size() - keep).clear();
        }
    }

    private static void forgetOldest(Map<String, JsonObject> objects, int keep,
            java.util.function.Consumer<JsonObject> forgotten) {
        var oldestFirst = objects.values().iterator();
        while (objects.size() > keep && oldestFirst.hasNext()) {
            forgotten.accept(oldestFirst.next());
            oldestFirst.remove();
        }
    }

    private static void unindex(Map<String, List<JsonObject>> index, String key, JsonObject object) {
        if (key != null) {
            List<JsonObject> indexed = index.get(key);
            if (indexed != null && indexed.remove(object) && indexed.isEmpty()) {
                index.remove(key);
            }
        }
    }

    void addTransfer(JsonObject transfer) {
        transfers.put(string(transfer, "id"), transfer);
        index(transfersByGroup, string(transfer, "transfer_group"), transfer);
        index(transfersBySource, string(transfer, "source_transaction"), transfer);
    }

    void addRefund(JsonObject refund) {
        refunds.put(string(refund, "id"), refund);
        index(refundsByPaymentIntent, string(refund, "payment_intent"), refund);
    }

    /** Transfers of the group, or all of them when no group is asked for. */
    Collection<JsonObject> transfersInGroup(String group) {
        return group == null ? transfers.values() : transfersByGroup.getOrDefault(group, List.of());
    }

    /** Transfers funded by the charge. */
    List<JsonObject> transfersFrom(String chargeId) {
        return transfersBySource.getOrDefault(chargeId, List.of());
    }

    /** Refunds of the PaymentIntent, or all of them when none is asked for. */
    Collection<JsonObject> refundsOf(String paymentIntentId) {
        return paymentIntentId == null ? refunds.values()
                : refundsByPaymentIntent.getOrDefault(paymentIntentId, List.of());
    }

    private static void index(Map<String, List<JsonObject>> index, String key, JsonObject object) {
        if (key != null) {
            index.computeIfAbsent(key, any -> new ArrayList<>()).add(object);
        }
    }

    static String string(JsonObject object, String member) {
        return object.has(member) && !object.get(member).isJsonNull() ? object.get(member).getAsString() : null;
    }

}
