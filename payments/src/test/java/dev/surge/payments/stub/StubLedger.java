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

    /**
     * What became of each order's money, by the {@code metadata[order_id]} of its
     * PaymentIntents: for fault tests that check no order was charged twice, every charge
     * of an order that did not sell was refunded and every vendor share was transferred
     * once and reversed with its refund.
     */
    public synchronized Map<String, OrderMoney> moneyByOrder() {
        Map<String, OrderMoney> byOrder = new HashMap<>();
        for (JsonObject intent : paymentIntents.values()) {
            String orderId = orderIdOf(intent);
            if (orderId == null) {
                continue;
            }
            String status = string(intent, "status");
            boolean open = !"canceled".equals(status) && !"succeeded".equals(status);
            long refunded = refundsOf(string(intent, "id")).stream()
                .filter(refund -> "succeeded".equals(string(refund, "status")))
                .mapToLong(refund -> refund.get("amount").getAsLong())
                .sum();
            byOrder.merge(orderId, new OrderMoney(0, 0, refunded, open ? 1 : 0, 0, 0), OrderMoney::plus);
        }
        for (JsonObject charge : charges.values()) {
            String orderId = orderIdOf(charge);
            if (orderId != null && "succeeded".equals(string(charge, "status"))) {
                byOrder.merge(orderId, new OrderMoney(1, charge.get("amount").getAsLong(), 0, 0, 0, 0),
                        OrderMoney::plus);
            }
        }
        Map<String, Map<String, Integer>> transfersPerVendor = new HashMap<>();
        for (JsonObject transfer : transfers.values()) {
            String orderId = string(transfer, "transfer_group");
            if (orderId == null) {
                continue;
            }
            transfersPerVendor.computeIfAbsent(orderId, any -> new HashMap<>())
                .merge(string(transfer, "destination"), 1, Integer::sum);
            long kept = transfer.get("amount").getAsLong() - transfer.get("amount_reversed").getAsLong();
            byOrder.merge(orderId, new OrderMoney(0, 0, 0, 0, 0, kept), OrderMoney::plus);
        }
        transfersPerVendor.forEach((orderId, counts) -> byOrder.merge(orderId,
                new OrderMoney(0, 0, 0, 0, counts.values().stream().mapToInt(Integer::intValue).max().orElse(0), 0),
                OrderMoney::plus));
        return byOrder;
    }

    private static String orderIdOf(JsonObject object) {
        JsonObject metadata = object.has("metadata") && object.get("metadata").isJsonObject()
                ? object.getAsJsonObject("metadata") : null;
        return metadata == null ? null : string(metadata, "order_id");
    }

    /**
     * One order's money at the stand-in.
     *
     * @param succeededCharges charges that collected money (more than one: charged twice)
     * @param charged what they collected, in the smallest currency unit
     * @param refunded what was refunded of it
     * @param openIntents PaymentIntents neither succeeded nor canceled: they may still
     * collect money
     * @param mostTransfersToOneVendor the most transfers one vendor received for the
     * order (more than one: a share paid twice)
     * @param transferredNotReversed what the order's transfers gave vendors and was not
     * taken back
     */
    public record OrderMoney(int succeededCharges, long charged, long refunded, int openIntents,
            int mostTransfersToOneVendor, long transferredNotReversed) {

        OrderMoney plus(OrderMoney other) {
            return new OrderMoney(succeededCharges + other.succeededCharges, charged + other.charged,
                    refunded + other.refunded, openIntents + other.openIntents,
                    Math.max(mostTransfersToOneVendor, other.mostTransfersToOneVendor),
                    transferredNotReversed + other.transferredNotReversed);
        }

        /** Whether money stayed with the marketplace or its vendors. */
        public boolean kept() {
            return charged > refunded;
        }

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
