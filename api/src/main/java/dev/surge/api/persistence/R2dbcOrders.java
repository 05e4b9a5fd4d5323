package dev.surge.api.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.LineCommission;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderChange;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.OrderTransition;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PricedLine;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.SubOrder;
import dev.surge.checkout.domain.SubOrderStatus;
import dev.surge.checkout.domain.Totals;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.Sha256;
import dev.surge.checkout.port.AttemptSuperseded;
import dev.surge.checkout.port.CartAlreadyOrdered;
import dev.surge.checkout.port.CheckoutRequests;
import dev.surge.checkout.port.ConcurrentOrderUpdate;
import dev.surge.checkout.port.OffersSuperseded;
import dev.surge.checkout.port.OrderHistory;
import dev.surge.checkout.port.Orders;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders in PostgreSQL. Placing writes the order, its lines (one statement), its
 * sub-orders (one statement) and its events (one statement) in one transaction; every
 * status change is a version-checked update with its events, and a
 * {@code pg_notify('surge_order_status', ...)} that live order streams follow.
 */
public class R2dbcOrders implements Orders, OrderHistory {

    /**
     * The PostgreSQL notification channel every committed status change is announced on.
     */
    public static final String STATUS_CHANNEL = "surge_order_status";

    /**
     * Places an order in one statement (atomic on its own, so no transaction round
     * trips): the order, its lines, sub-orders and outbox events, and its checkout key
     * marked done, written only if the checkout's attempt still holds its key and every
     * line's offer is still the one it was priced from (the same price in the order's
     * currency, the product and its vendor still approved). The cart was priced from
     * memory, which may lag the store by a moment; this is where a superseded price is
     * refused rather than charged. Marking the key writes the row a takeover updates, so
     * the two serialise there: either the order is stored and the key can no longer be
     * taken over, or the key was taken over and the order is not written. The answer is
     * the number of orders written.
     */
    private static final String PLACE = """
            WITH fenced AS (
                UPDATE checkout_requests SET done = true
                WHERE key_hash = :keyHash AND attempt = :attempt AND NOT done
                  AND (SELECT count(*) FROM unnest(:lineSku::text[], :lineUnitPrice::bigint[]) AS l(sku, amount)
                       JOIN prices pr ON pr.sku = l.sku AND pr.currency = :currency AND pr.amount_minor = l.amount
                       JOIN variants va ON va.sku = l.sku AND NOT va.archived
                       JOIN products p ON p.id = va.product_id AND p.status = 'APPROVED'
                       JOIN vendors ve ON ve.id = p.vendor_id AND {VENDOR_SELLS}) = :lineCount
                RETURNING 1
            ), placed AS (
                INSERT INTO orders (id, customer_id, order_token_hash, email, shipping_address, country, currency,
                                    status, subtotal_minor, tax_minor, shipping_minor, total_minor, reservation_id,
                                    reservation_expires_at, placed_at, cart_id, payment_intent_id, client_secret)
                SELECT :id, :customer, :tokenHash, :email, :address::jsonb, :country, :currency, :status, :subtotal,
                       :tax, :shipping, :total, :reservation, :expiresAt, :placedAt, :cart, :payment, :secret
                FROM fenced
                RETURNING id
            ), lines AS (
                INSERT INTO order_lines (order_id, line_no, sku, product_id, vendor_id, name, quantity,
                                         unit_price_minor, line_total_minor, tax_minor, commission_minor,
                                         commission_rule_id)
                SELECT placed.id, l.*
                FROM placed, unnest(:lineNo::int[], :lineSku::text[], :lineProduct::uuid[], :lineVendor::uuid[],
                                    :lineName::text[], :lineQuantity::int[], :lineUnitPrice::bigint[],
                                    :lineTotal::bigint[], :lineTax::bigint[], :lineCommission::bigint[],
                                    :lineRule::uuid[]) AS l
            ), subs AS (
                INSERT INTO sub_orders (id, order_id, vendor_id, status, subtotal_minor, tax_minor, shipping_minor,
                                        total_minor, commission_bps, commission_minor, stripe_account_id)
                SELECT s.id, placed.id, s.vendor, 'PENDING', s.subtotal, s.tax, s.shipping, s.total, s.bps,
                       s.commission, s.account
                FROM placed, unnest(:subId::uuid[], :subVendor::uuid[], :subSubtotal::bigint[], :subTax::bigint[],
                                    :subShipping::bigint[], :subTotal::bigint[], :subBps::int[],
                                    :subCommission::bigint[], :subAccount::text[])
                     AS s(id, vendor, subtotal, tax, shipping, total, bps, commission, account)
            ), events AS (
                INSERT INTO outbox (event_id, type, order_id, vendor_id, payload)
                SELECT e.event_id, e.type, placed.id, e.vendor, e.payload
                FROM placed, unnest(:eventId::uuid[], :eventType::text[], :eventVendor::uuid[],
                                    :eventPayload::jsonb[]) AS e(event_id, type, vendor, payload)
            )
            SELECT count(*) AS placed FROM placed
            """;

    /** Which of the priced lines are no longer offered as priced (the rare path). */
    private static final String SUPERSEDED_OFFERS = """
            SELECT l.sku FROM unnest(:lineSku::text[], :lineUnitPrice::bigint[]) AS l(sku, amount)
            WHERE NOT EXISTS (SELECT 1 FROM prices pr
                              JOIN variants va ON va.sku = pr.sku AND NOT va.archived
                              JOIN products p ON p.id = va.product_id AND p.status = 'APPROVED'
                              JOIN vendors ve ON ve.id = p.vendor_id AND {VENDOR_SELLS}
                              WHERE pr.sku = l.sku AND pr.currency = :currency AND pr.amount_minor = l.amount)
            """;

    /**
     * An order with its lines and sub-orders in one round trip: the children come as JSON
     * arrays of positional values (one array per row, in the order the readers below
     * expect).
     */
    private static final String SELECT_ORDER = """
            SELECT o.id, o.customer_id, o.order_token_hash, o.email, o.shipping_address::text AS shipping_address,
                   o.country, o.currency, o.status, o.subtotal_minor, o.tax_minor, o.shipping_minor, o.total_minor,
                   o.reservation_id, o.reservation_expires_at, o.payment_intent_id, o.placed_at, o.version,
                   (SELECT coalesce(json_agg(json_build_array(l.sku, l.product_id, l.vendor_id, l.name, l.quantity,
                                                              l.unit_price_minor, l.line_total_minor, l.tax_minor)
                                             ORDER BY l.line_no), '[]')::text
                    FROM order_lines l WHERE l.order_id = o.id) AS lines,
                   (SELECT coalesce(json_agg(json_build_array(s.id, s.vendor_id, s.subtotal_minor, s.tax_minor,
                                                              s.shipping_minor, s.commission_bps, s.commission_minor,
                                                              s.stripe_account_id, s.transfer_id, s.status)
                                             ORDER BY s.id), '[]')::text
                    FROM sub_orders s WHERE s.order_id = o.id) AS sub_orders
            FROM orders o
            """;

    private final DatabaseClient database;

    private final TransactionalOperator transaction;

    private final JsonMapper json;

    private final Supplier<UUID> ids;

    private final String placeStatement;

    private final String supersededOffersStatement;

    /**
     * @param sellWithoutPayouts whether an approved vendor sells before its payout
     * account is enabled (the order statement then checks its status only)
     */
    public R2dbcOrders(DatabaseClient database, TransactionalOperator transaction, JsonMapper json, Supplier<UUID> ids,
            boolean sellWithoutPayouts) {
        String vendorSells = VendorConditions.sells("ve", sellWithoutPayouts);
        this.placeStatement = PLACE.replace("{VENDOR_SELLS}", vendorSells);
        this.supersededOffersStatement = SUPERSEDED_OFFERS.replace("{VENDOR_SELLS}", vendorSells);
        this.database = database;
        this.transaction = transaction;
        this.json = json;
        this.ids = ids;
    }

    @Override
    public Mono<Order> place(Order order, CartId cart, @Nullable String clientSecret,
            CheckoutRequests.Attempt attempt) {
        return placeInOneStatement(order, cart, clientSecret, attempt)
            .flatMap(placed -> placed ? Mono.just(stored(order, order.status(), 1)) : notPlaced(order, attempt))
            .onErrorMap(
                    failure -> failure.getMessage() != null
                            && failure.getMessage().contains("orders_one_open_per_cart"),
                    failure -> new CartAlreadyOrdered("cart " + cart + " has an order waiting for payment"));
    }

    /** Why nothing was written: a superseded offer, or else the attempt lost its key. */
    private Mono<Order> notPlaced(Order order, CheckoutRequests.Attempt attempt) {
        return superseded(order)
            .flatMap(skus -> Mono.error(skus.isEmpty() ? new AttemptSuperseded(attempt) : new OffersSuperseded(skus)));
    }

    private Mono<List<Sku>> superseded(Order order) {
        return database.sql(supersededOffersStatement)
            .bind("lineSku", order.lines().stream().map(line -> line.sku().value()).toArray(String[]::new))
            .bind("lineUnitPrice", order.lines().stream().map(line -> line.unitPrice().minor()).toArray(Long[]::new))
            .bind("currency", order.totals().total().currency().getCurrencyCode())
            .map(row -> Sku.of(row.get("sku", String.class)))
            .all()
            .collectList();
    }

    @Override
    public Mono<List<Order>> ofCustomer(CustomerId customer, OrderHistory.@Nullable Position before, int limit) {
        DatabaseClient.GenericExecuteSpec query = database.sql(SELECT_ORDER + """
                 WHERE o.customer_id = :customer
                   AND (CAST(:beforeAt AS timestamptz) IS NULL OR (o.placed_at, o.id) < (:beforeAt, :beforeId))
                ORDER BY o.placed_at DESC, o.id DESC LIMIT :limit
                """).bind("customer", customer.value()).bind("limit", limit);
        return bindPosition(query, before).map(this::order).all().collectList();
    }

    @Override
    public Mono<List<Order>> search(OrderHistory.Search search, OrderHistory.@Nullable Position before, int limit) {
        DatabaseClient.GenericExecuteSpec query = database.sql(SELECT_ORDER + """
                 WHERE (CAST(:order AS uuid) IS NULL OR o.id = :order)
                   AND (CAST(:email AS text) IS NULL OR lower(o.email) = lower(:email))
                   AND (CAST(:vendor AS uuid) IS NULL
                        OR EXISTS (SELECT 1 FROM sub_orders s WHERE s.order_id = o.id AND s.vendor_id = :vendor))
                   AND (CAST(:status AS text) IS NULL OR o.status = :status)
                   AND (CAST(:from AS timestamptz) IS NULL OR o.placed_at >= :from)
                   AND (CAST(:to AS timestamptz) IS NULL OR o.placed_at < :to)
                   AND (CAST(:beforeAt AS timestamptz) IS NULL OR (o.placed_at, o.id) < (:beforeAt, :beforeId))
                ORDER BY o.placed_at DESC, o.id DESC LIMIT :limit
                """).bind("limit", limit);
        query = bindOrNull(query, "order", search.order() == null ? null : search.order().value(), UUID.class);
        query = bindOrNull(query, "email", search.email(), String.class);
        query = bindOrNull(query, "vendor", search.vendor() == null ? null : search.vendor().value(), UUID.class);
        query = bindOrNull(query, "status", search.status() == null ? null : search.status().name(), String.class);
        query = bindOrNull(query, "from", search.from() == null ? null : search.from().atOffset(ZoneOffset.UTC),
                OffsetDateTime.class);
        query = bindOrNull(query, "to", search.to() == null ? null : search.to().atOffset(ZoneOffset.UTC),
                OffsetDateTime.class);
        return bindPosition(query, before).map(this::order).all().collectList();
    }

    @Override
    public Mono<List<OrderEvent>> events(OrderId order) {
        return database.sql("""
                SELECT event_id, coalesce(stream_sequence, 0) AS stream_sequence, type, occurred_at, order_id,
                       vendor_id, payload::text AS payload
                FROM outbox WHERE order_id = :order ORDER BY sequence
                """).bind("order", order.value()).map(R2dbcOrderEventLog::event).all().collectList();
    }

    private static DatabaseClient.GenericExecuteSpec bindPosition(DatabaseClient.GenericExecuteSpec query,
            OrderHistory.@Nullable Position before) {
        return before == null ? query.bindNull("beforeAt", OffsetDateTime.class).bindNull("beforeId", UUID.class)
                : query.bind("beforeAt", before.placedAt().atOffset(ZoneOffset.UTC))
                    .bind("beforeId", before.order().value());
    }

    private static <T> DatabaseClient.GenericExecuteSpec bindOrNull(DatabaseClient.GenericExecuteSpec query,
            String name, @Nullable T value, Class<T> type) {
        return value == null ? query.bindNull(name, type) : query.bind(name, value);
    }

    @Override
    public Mono<Order> find(OrderId id) {
        return database.sql(SELECT_ORDER + " WHERE o.id = :id").bind("id", id.value()).map(this::order).one();
    }

    @Override
    public Flux<OrderId> pendingExpiredBefore(Instant instant, int limit) {
        return database
            .sql("SELECT id FROM orders WHERE status = 'PENDING_PAYMENT' AND reservation_expires_at < :instant "
                    + "ORDER BY reservation_expires_at LIMIT :limit")
            .bind("instant", at(instant))
            .bind("limit", limit)
            .map(row -> new OrderId(row.get("id", UUID.class)))
            .all();
    }

    @Override
    public Flux<PaymentIntentId> paymentsAwaitedSince(Instant instant, int limit) {
        return database.sql("""
                SELECT payment_intent_id FROM orders
                WHERE status = 'PENDING_PAYMENT' AND payment_intent_id IS NOT NULL AND placed_at < :instant
                ORDER BY reservation_expires_at LIMIT :limit
                """)
            .bind("instant", at(instant))
            .bind("limit", limit)
            .map(row -> new PaymentIntentId(row.get("payment_intent_id", String.class)))
            .all();
    }

    @Override
    public Mono<Order> findByPayment(PaymentIntentId payment) {
        return database.sql(SELECT_ORDER + " WHERE o.payment_intent_id = :payment")
            .bind("payment", payment.value())
            .map(this::order)
            .one();
    }

    @Override
    public Mono<String> clientSecret(OrderId id) {
        return database.sql("SELECT client_secret FROM orders WHERE id = :id")
            .bind("id", id.value())
            .map(row -> java.util.Optional.ofNullable(row.get(0, String.class)))
            .one()
            .flatMap(Mono::justOrEmpty)
            .filter(secret -> !secret.isEmpty());
    }

    /**
     * A move in one statement (atomic alone: no transaction round trips): the order moves
     * if it is still at the version and status it was read at; then its sub-orders (each
     * only from the status it was read at), the transfers the move makes owed or calls
     * off, the reversals it makes owed, its events, and, for a change of status, the
     * announcement on commit.
     */
    private static final String RECORD = """
            WITH moved AS (
                UPDATE orders SET status = :next, version = version + 1, updated_at = now()
                WHERE id = :id AND version = :version AND status = :current
                RETURNING id
            ), subs AS (
                UPDATE sub_orders s SET status = m.next, updated_at = now(),
                       transfer_due_at = CASE m.transfer WHEN 'due' THEN now() WHEN 'called-off' THEN NULL
                                         ELSE s.transfer_due_at END,
                       reversal_due_at = CASE WHEN m.reversal = 'due' AND s.reversed_at IS NULL
                                         THEN coalesce(s.reversal_due_at, now()) ELSE s.reversal_due_at END,
                       carrier = coalesce(m.carrier, s.carrier),
                       tracking_number = coalesce(m.tracking, s.tracking_number),
                       shipped_at = CASE WHEN m.next = 'SHIPPED' AND m.was <> 'SHIPPED' THEN now()
                                    ELSE s.shipped_at END,
                       accepted_at = CASE WHEN m.next IN ('ACCEPTED', 'SHIPPED') THEN coalesce(s.accepted_at, now())
                                     ELSE s.accepted_at END
                FROM moved, unnest(:subId::uuid[], :subWas::text[], :subNext::text[], :subTransfer::text[],
                                   :subCarrier::text[], :subTracking::text[], :subReversal::text[])
                     AS m(id, was, next, transfer, carrier, tracking, reversal)
                WHERE s.id = m.id AND s.order_id = moved.id AND s.status = m.was
            ), events AS (
                INSERT INTO outbox (event_id, type, order_id, vendor_id, payload)
                SELECT e.event_id, e.type, moved.id, e.vendor, e.payload
                FROM moved, unnest(:eventId::uuid[], :eventType::text[], :eventVendor::uuid[],
                                   :eventPayload::jsonb[]) AS e(event_id, type, vendor, payload)
            )
            SELECT (SELECT count(*) FROM moved) AS moved,
                   (SELECT count(pg_notify('""" + STATUS_CHANNEL + """
            ', :message)) FROM moved WHERE :announce) AS announced
            """;

    @Override
    public Mono<Order> record(OrderTransition transition) {
        Order from = transition.from();
        Order to = transition.to();
        Map<UUID, SubOrderWrite> writes = new LinkedHashMap<>();
        transition.subOrderMoves()
            .forEach(move -> writes.put(move.subOrderId(),
                    new SubOrderWrite(move.from().name(), move.to().name(), null, null, null, null)));
        transition.transfersDue()
            .forEach(id -> writes.merge(id, SubOrderWrite.unmoved(to.subOrder(id), "due"),
                    (moved, due) -> moved.withTransfer("due")));
        transition.transfersCalledOff()
            .forEach(id -> writes.merge(id, SubOrderWrite.unmoved(to.subOrder(id), "called-off"),
                    (moved, off) -> moved.withTransfer("called-off")));
        transition.reversalsDue()
            .forEach(id -> writes.merge(id, SubOrderWrite.unmoved(to.subOrder(id), null).withReversalDue(),
                    (moved, due) -> moved.withReversalDue()));
        for (OrderChange change : transition.changes()) {
            if (change instanceof OrderChange.SubOrderShipped shipped) {
                writes.computeIfPresent(shipped.subOrderId(),
                        (id, write) -> write.withShipment(shipped.carrier(), shipped.trackingNumber()));
            }
        }
        List<SubOrderWrite> subs = List.copyOf(writes.values());
        List<UUID> subIds = List.copyOf(writes.keySet());
        var statement = database.sql(RECORD)
            .bind("next", to.status().name())
            .bind("id", from.id().value())
            .bind("version", from.version())
            .bind("current", from.status().name())
            .bind("subId", subIds.toArray(UUID[]::new))
            .bind("subWas", subs.stream().map(SubOrderWrite::was).toArray(String[]::new))
            .bind("subNext", subs.stream().map(SubOrderWrite::next).toArray(String[]::new))
            .bind("subTransfer", subs.stream().map(SubOrderWrite::transfer).toArray(String[]::new))
            .bind("subCarrier", subs.stream().map(SubOrderWrite::carrier).toArray(String[]::new))
            .bind("subTracking", subs.stream().map(SubOrderWrite::tracking).toArray(String[]::new))
            .bind("subReversal", subs.stream().map(SubOrderWrite::reversal).toArray(String[]::new))
            .bind("announce", from.status() != to.status())
            .bind("message", to.id() + ":" + to.status() + ":" + transition.at());
        return bindEvents(statement, published(transition.changes())).map(row -> row.get("moved", Long.class))
            .one()
            .flatMap(rows -> rows == 1 ? Mono.just(to)
                    : Mono.error(new ConcurrentOrderUpdate("order " + from.id() + " changed meanwhile")));
    }

    /** What a move writes to one sub-order's row. */
    private record SubOrderWrite(String was, String next, @Nullable String transfer, @Nullable String carrier,
            @Nullable String tracking, @Nullable String reversal) {

        static SubOrderWrite unmoved(SubOrder subOrder, @Nullable String transfer) {
            return new SubOrderWrite(subOrder.status().name(), subOrder.status().name(), transfer, null, null, null);
        }

        SubOrderWrite withTransfer(String owed) {
            return new SubOrderWrite(was, next, owed, carrier, tracking, reversal);
        }

        SubOrderWrite withShipment(String shippedBy, String trackedAs) {
            return new SubOrderWrite(was, next, transfer, shippedBy, trackedAs, reversal);
        }

        SubOrderWrite withReversalDue() {
            return new SubOrderWrite(was, next, transfer, carrier, tracking, "due");
        }

    }

    @Override
    public Mono<Boolean> withdrawFromVendors(OrderId id) {
        Mono<Boolean> withdraw = lockForShipping(id)
            .then(database.sql("SELECT count(*) FROM sub_orders WHERE order_id = :id AND status = 'SHIPPED'")
                .bind("id", id.value())
                .map(row -> row.get(0, Long.class))
                .one())
            .flatMap(shipped -> shipped > 0 ? Mono.just(false) : database
                // The version moves only when something was withdrawn: a second
                // cancel racing the first must not spoil the first one's move.
                .sql("WITH withdrawn AS (UPDATE sub_orders SET status = 'CANCELLED', updated_at = now(), "
                        + "transfer_due_at = NULL WHERE order_id = :id AND status IN ('PENDING', 'ACCEPTED') RETURNING id) "
                        + "UPDATE orders SET version = version + 1, updated_at = now() "
                        + "WHERE id = :id AND EXISTS (SELECT 1 FROM withdrawn)")
                .bind("id", id.value())
                .fetch()
                .rowsUpdated()
                .thenReturn(true));
        return withdraw.as(transaction::transactional);
    }

    @Override
    public Mono<Void> returnToVendors(OrderId id) {
        return database
            .sql("WITH returned AS (UPDATE sub_orders s SET updated_at = now(), "
                    + "status = CASE WHEN s.accepted_at IS NULL THEN 'PENDING' ELSE 'ACCEPTED' END, "
                    + "transfer_due_at = CASE WHEN s.transfer_id IS NULL THEN now() END FROM orders o "
                    + "WHERE s.order_id = :id AND o.id = s.order_id AND o.status = 'PAID' AND s.status = 'CANCELLED' "
                    + "RETURNING s.order_id) " + "UPDATE orders SET version = version + 1, updated_at = now() "
                    + "WHERE id = :id AND EXISTS (SELECT 1 FROM returned)")
            .bind("id", id.value())
            .fetch()
            .rowsUpdated()
            .then();
    }

    /**
     * Within a transaction: holds the order's row until it ends, so a move of the order
     * (shipping) waits for the withdrawal and then finds the order changed.
     */
    private Mono<Void> lockForShipping(OrderId id) {
        return database.sql("SELECT id FROM orders WHERE id = :id FOR UPDATE").bind("id", id.value()).then();
    }

    /**
     * The orders due, whole, with their charges: one statement for a pass of the job.
     * Shares of vendors that cannot be paid now wait: suspended (unless an operator
     * released them), or without an account that may receive them. They do not make their
     * order due (so however many wait, they never crowd out the shares that can be paid);
     * the job skips them in orders due for others.
     */
    private static final String TRANSFERS_DUE = SELECT_ORDER.replace("FROM orders o", """
            , (SELECT p.charge_id FROM payments p WHERE p.payment_intent_id = o.payment_intent_id) AS charge_id
            FROM (SELECT order_id, min(transfer_due_at) AS due FROM sub_orders s
                  WHERE transfer_due_at <= now()
                    AND NOT EXISTS (SELECT 1 FROM vendors v WHERE v.id = s.vendor_id
                                    AND ({HELD_BY_SUSPENSION} OR NOT v.payouts_enabled))
                  GROUP BY order_id ORDER BY min(transfer_due_at) LIMIT :limit) AS due
            JOIN orders o ON o.id = due.order_id
            ORDER BY due.due
            """).replace("{HELD_BY_SUSPENSION}", VendorConditions.heldBySuspension("v"));

    @Override
    public Flux<TransfersDue> transfersDue(int limit) {
        return database.sql(TRANSFERS_DUE)
            .bind("limit", limit)
            .map(row -> new TransfersDue(order(row), row.get("charge_id", String.class)))
            .all();
    }

    @Override
    public Mono<Map<OrderId, Set<UUID>>> recordTransfers(Map<OrderId, Map<UUID, String>> transfersByOrder,
            Set<UUID> held) {
        if (transfersByOrder.isEmpty()) {
            return Mono.just(Map.of());
        }
        UUID[] orderIds = transfersByOrder.keySet().stream().map(OrderId::value).toArray(UUID[]::new);
        List<UUID> subOrders = new ArrayList<>();
        List<String> made = new ArrayList<>();
        transfersByOrder.values().forEach(transfers -> transfers.forEach((subOrder, transfer) -> {
            subOrders.add(subOrder);
            made.add(transfer);
        }));
        // One UPDATE over all the orders' sub-orders (a row may be changed once per
        // statement); it answers those cancelled while their transfers were made, whose
        // reversals it makes owed.
        return database.sql("""
                WITH recorded AS (
                    UPDATE sub_orders s SET transfer_id = coalesce(s.transfer_id, m.transfer),
                           transfer_due_at = CASE WHEN s.id = ANY(:held::uuid[]) THEN s.transfer_due_at END,
                           reversal_due_at = CASE WHEN m.transfer IS NOT NULL AND s.status = 'CANCELLED'
                                             AND s.reversed_at IS NULL THEN coalesce(s.reversal_due_at, now())
                                             ELSE s.reversal_due_at END,
                           transfer_attempts = CASE WHEN s.id = ANY(:held::uuid[]) THEN s.transfer_attempts ELSE 0 END,
                           updated_at = CASE WHEN s.id = ANY(:held::uuid[]) THEN s.updated_at ELSE now() END
                    FROM (SELECT so.id, t.transfer FROM sub_orders so
                          LEFT JOIN unnest(:subOrders::uuid[], :made::text[]) AS t(id, transfer) ON t.id = so.id
                          WHERE so.order_id = ANY(:orderIds)) AS m
                    WHERE s.id = m.id
                    RETURNING s.order_id, s.id, s.status, m.transfer IS NOT NULL AS transferred
                )
                SELECT order_id, id FROM recorded WHERE transferred AND status = 'CANCELLED'
                """)
            .bind("orderIds", orderIds)
            .bind("subOrders", subOrders.toArray(UUID[]::new))
            .bind("made", made.toArray(String[]::new))
            .bind("held", held.toArray(UUID[]::new))
            .map(row -> Map.entry(new OrderId(row.get("order_id", UUID.class)), row.get("id", UUID.class)))
            .all()
            .collect(Collectors.groupingBy(Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
    }

    @Override
    public Mono<Void> retryTransfersLater(OrderId id, Duration first, Duration longest) {
        return putOff("transfer", "order_id = :id", id.value(), first, longest);
    }

    /**
     * Puts a step that failed ({@code step}: transfer or reversal) off: its attempts
     * counted, due again after {@code first} doubled per earlier attempt, at most
     * {@code longest}.
     */
    private Mono<Void> putOff(String step, String rows, UUID id, Duration first, Duration longest) {
        return database.sql("""
                UPDATE sub_orders SET {step}_attempts = {step}_attempts + 1,
                       {step}_due_at = now() + least(:longest * interval '1 millisecond',
                                                      :first * power(2, least({step}_attempts, 30))
                                                      * interval '1 millisecond')
                WHERE {rows} AND {step}_due_at IS NOT NULL
                """.replace("{step}", step).replace("{rows}", rows))
            .bind("id", id)
            .bind("first", first.toMillis())
            .bind("longest", longest.toMillis())
            .fetch()
            .rowsUpdated()
            .then();
    }

    @Override
    public Flux<ReversalDue> reversalsDue(int limit) {
        return database.sql("""
                SELECT order_id, id FROM sub_orders WHERE reversal_due_at <= now()
                ORDER BY reversal_due_at LIMIT :limit
                """)
            .bind("limit", limit)
            .map(row -> new ReversalDue(new OrderId(row.get("order_id", UUID.class)), row.get("id", UUID.class)))
            .all();
    }

    @Override
    public Mono<Void> reversed(UUID subOrderId) {
        return database
            .sql("UPDATE sub_orders SET reversal_due_at = NULL, reversed_at = now(), updated_at = now() "
                    + "WHERE id = :id AND reversal_due_at IS NOT NULL")
            .bind("id", subOrderId)
            .fetch()
            .rowsUpdated()
            .then();
    }

    @Override
    public Mono<Void> retryReversalLater(UUID subOrderId, Duration first, Duration longest) {
        return putOff("reversal", "id = :id", subOrderId, first, longest);
    }

    private Mono<Boolean> placeInOneStatement(Order order, CartId cart, @Nullable String clientSecret,
            CheckoutRequests.Attempt attempt) {
        Totals totals = order.totals();
        var statement = database.sql(placeStatement)
            .bind("keyHash", Sha256.hex(attempt.key()))
            .bind("attempt", attempt.number())
            .bind("id", order.id().value())
            .bind("tokenHash", order.orderTokenHash())
            .bind("email", order.email())
            .bind("address", json.writeValueAsString(order.shippingAddress()))
            .bind("country", order.country().value())
            .bind("currency", totals.total().currency().getCurrencyCode())
            .bind("status", order.status().name())
            .bind("subtotal", totals.subtotal().minor())
            .bind("tax", totals.tax().minor())
            .bind("shipping", totals.shipping().minor())
            .bind("total", totals.total().minor())
            .bind("reservation", order.reservation().value())
            .bind("expiresAt", at(order.reservationExpiresAt()))
            .bind("placedAt", at(order.placedAt()))
            .bind("cart", cart.value())
            .bind("secret", clientSecret == null ? "" : clientSecret)
            .bind("lineCount", (long) order.lines().size());
        statement = order.payment() == null ? statement.bindNull("payment", String.class)
                : statement.bind("payment", order.payment().value());
        statement = order.customer() == null ? statement.bindNull("customer", String.class)
                : statement.bind("customer", order.customer().value());
        statement = bindEvents(bindSubOrders(bindLines(statement, order), order), order.placed().published());
        return statement.map(row -> row.get("placed", Long.class)).one().map(placed -> placed == 1);
    }

    private static DatabaseClient.GenericExecuteSpec bindLines(DatabaseClient.GenericExecuteSpec statement,
            Order order) {
        List<PricedLine> lines = order.lines();
        int size = lines.size();
        Integer[] lineNo = new Integer[size];
        String[] sku = new String[size];
        UUID[] product = new UUID[size];
        UUID[] vendor = new UUID[size];
        String[] name = new String[size];
        Integer[] quantity = new Integer[size];
        Long[] unitPrice = new Long[size];
        Long[] lineTotal = new Long[size];
        Long[] tax = new Long[size];
        Long[] commission = new Long[size];
        UUID[] rule = new UUID[size];
        Map<Sku, LineCommission> commissions = new HashMap<>();
        order.subOrders().forEach(sub -> sub.lineCommissions().forEach(line -> commissions.put(line.sku(), line)));
        for (int i = 0; i < size; i++) {
            PricedLine line = lines.get(i);
            LineCommission frozen = commissions.get(line.sku());
            commission[i] = frozen == null ? null : frozen.amount().minor();
            rule[i] = frozen == null ? null : frozen.rule();
            lineNo[i] = i + 1;
            sku[i] = line.sku().value();
            product[i] = line.productId().value();
            vendor[i] = line.vendorId().value();
            name[i] = line.name();
            quantity[i] = line.quantity();
            unitPrice[i] = line.unitPrice().minor();
            lineTotal[i] = line.lineTotal().minor();
            tax[i] = line.tax().minor();
        }
        return statement.bind("lineNo", lineNo)
            .bind("lineSku", sku)
            .bind("lineProduct", product)
            .bind("lineVendor", vendor)
            .bind("lineName", name)
            .bind("lineQuantity", quantity)
            .bind("lineUnitPrice", unitPrice)
            .bind("lineTotal", lineTotal)
            .bind("lineTax", tax)
            .bind("lineCommission", commission)
            .bind("lineRule", rule);
    }

    private static DatabaseClient.GenericExecuteSpec bindSubOrders(DatabaseClient.GenericExecuteSpec statement,
            Order order) {
        List<SubOrder> subOrders = order.subOrders();
        int size = subOrders.size();
        UUID[] id = new UUID[size];
        UUID[] vendor = new UUID[size];
        Long[] subtotal = new Long[size];
        Long[] tax = new Long[size];
        Long[] shipping = new Long[size];
        Long[] total = new Long[size];
        Integer[] bps = new Integer[size];
        Long[] commission = new Long[size];
        String[] account = new String[size];
        for (int i = 0; i < size; i++) {
            SubOrder subOrder = subOrders.get(i);
            id[i] = subOrder.id();
            vendor[i] = subOrder.vendorId().value();
            subtotal[i] = subOrder.totals().subtotal().minor();
            tax[i] = subOrder.totals().tax().minor();
            shipping[i] = subOrder.totals().shipping().minor();
            total[i] = subOrder.totals().total().minor();
            bps[i] = subOrder.commissionRate().value();
            commission[i] = subOrder.commission().minor();
            account[i] = subOrder.account() == null ? null : subOrder.account().value();
        }
        return statement.bind("subId", id)
            .bind("subVendor", vendor)
            .bind("subSubtotal", subtotal)
            .bind("subTax", tax)
            .bind("subShipping", shipping)
            .bind("subTotal", total)
            .bind("subBps", bps)
            .bind("subCommission", commission)
            .bind("subAccount", account);
    }

    private static List<OrderChange.Published> published(List<OrderChange> changes) {
        return changes.stream().flatMap(change -> change.published().stream()).toList();
    }

    private DatabaseClient.GenericExecuteSpec bindEvents(DatabaseClient.GenericExecuteSpec statement,
            List<OrderChange.Published> events) {
        int size = events.size();
        UUID[] eventId = new UUID[size];
        String[] type = new String[size];
        UUID[] vendor = new UUID[size];
        String[] payload = new String[size];
        for (int i = 0; i < size; i++) {
            OrderChange.Published event = events.get(i);
            eventId[i] = ids.get();
            type[i] = event.type();
            vendor[i] = event.vendor() == null ? null : event.vendor().value();
            payload[i] = json.writeValueAsString(event.payload());
        }
        return statement.bind("eventId", eventId)
            .bind("eventType", type)
            .bind("eventVendor", vendor)
            .bind("eventPayload", payload);
    }

    private Order order(Readable row) {
        UUID id = row.get("id", UUID.class);
        Currency currency = Currency.getInstance(row.get("currency", String.class));
        String customer = row.get("customer_id", String.class);
        String payment = row.get("payment_intent_id", String.class);
        @SuppressWarnings("unchecked")
        Map<String, String> address = json.readValue(row.get("shipping_address", String.class), Map.class);
        Totals totals = Totals.of(Money.of(row.get("subtotal_minor", Long.class), currency),
                Money.of(row.get("tax_minor", Long.class), currency),
                Money.of(row.get("shipping_minor", Long.class), currency));
        List<PricedLine> lines = new ArrayList<>();
        for (JsonNode line : json.readTree(row.get("lines", String.class))) {
            lines.add(new PricedLine(Sku.of(line.get(0).asString()), new ProductId(uuid(line.get(1))),
                    new VendorId(uuid(line.get(2))), line.get(3).asString(), line.get(4).asInt(),
                    Money.of(line.get(5).asLong(), currency), Money.of(line.get(6).asLong(), currency),
                    Money.of(line.get(7).asLong(), currency)));
        }
        List<SubOrder> subOrders = new ArrayList<>();
        for (JsonNode sub : json.readTree(row.get("sub_orders", String.class))) {
            subOrders.add(new SubOrder(uuid(sub.get(0)), new VendorId(uuid(sub.get(1))),
                    Totals.of(Money.of(sub.get(2).asLong(), currency), Money.of(sub.get(3).asLong(), currency),
                            Money.of(sub.get(4).asLong(), currency)),
                    BasisPoints.of(sub.get(5).asInt()), Money.of(sub.get(6).asLong(), currency),
                    account(text(sub.get(7))), SubOrderStatus.valueOf(sub.get(9).asString()), text(sub.get(8))));
        }
        return new Order(new OrderId(id), customer == null ? null : new CustomerId(customer),
                row.get("order_token_hash", String.class), row.get("email", String.class), address,
                CountryCode.of(row.get("country", String.class)), OrderStatus.valueOf(row.get("status", String.class)),
                totals, lines, subOrders, new ReservationId(row.get("reservation_id", UUID.class)),
                row.get("reservation_expires_at", OffsetDateTime.class).toInstant(),
                payment == null ? null : new PaymentIntentId(payment),
                row.get("placed_at", OffsetDateTime.class).toInstant(), row.get("version", Long.class));
    }

    private static UUID uuid(JsonNode value) {
        return UUID.fromString(value.asString());
    }

    private static @Nullable String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asString();
    }

    private static @Nullable ConnectedAccountId account(@Nullable String value) {
        return value == null ? null : new ConnectedAccountId(value);
    }

    private static Order stored(Order order, OrderStatus status, long version) {
        return new Order(order.id(), order.customer(), order.orderTokenHash(), order.email(), order.shippingAddress(),
                order.country(), status, order.totals(), order.lines(), order.subOrders(), order.reservation(),
                order.reservationExpiresAt(), order.payment(), order.placedAt(), version);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
