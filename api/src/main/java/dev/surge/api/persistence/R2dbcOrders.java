package dev.surge.api.persistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.PaymentSplit;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PricedLine;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.SubOrder;
import dev.surge.checkout.domain.Totals;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.CartAlreadyOrdered;
import dev.surge.checkout.port.ConcurrentOrderUpdate;
import dev.surge.checkout.port.OffersSuperseded;
import dev.surge.checkout.port.Orders;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders in PostgreSQL. Placing writes the order, its lines (one statement), its
 * sub-orders (one statement) and its events (one statement) in one transaction; every
 * status change is a version-checked update with its events, and a
 * {@code pg_notify('surge_order_status', ...)} that live order streams follow.
 */
public class R2dbcOrders implements Orders {

    /**
     * The PostgreSQL notification channel every committed status change is announced on.
     */
    public static final String STATUS_CHANNEL = "surge_order_status";

    /**
     * Writes the order only if every line's offer is still the one it was priced from:
     * the same price in the order's currency, the product and its vendor still approved.
     * The cart was priced from memory, which may lag the store by a moment; this is where
     * a superseded price is refused rather than charged.
     */
    private static final String INSERT_ORDER = """
            INSERT INTO orders (id, customer_id, order_token_hash, email, shipping_address, country, currency, status,
                                subtotal_minor, tax_minor, shipping_minor, total_minor, reservation_id,
                                reservation_expires_at, placed_at, cart_id)
            SELECT :id, :customer, :tokenHash, :email, :address::jsonb, :country, :currency, :status, :subtotal,
                   :tax, :shipping, :total, :reservation, :expiresAt, :placedAt, :cart
            WHERE (SELECT count(*) FROM unnest(:pricedSku::text[], :pricedAt::bigint[]) AS l(sku, amount)
                   JOIN prices pr ON pr.sku = l.sku AND pr.currency = :currency AND pr.amount_minor = l.amount
                   JOIN variants va ON va.sku = l.sku
                   JOIN products p ON p.id = va.product_id AND p.status = 'APPROVED'
                   JOIN vendors ve ON ve.id = p.vendor_id AND ve.status = 'APPROVED') = :lineCount
            ON CONFLICT (id) DO NOTHING
            """;

    /** Which of the priced lines are no longer offered as priced (the rare path). */
    private static final String SUPERSEDED_OFFERS = """
            SELECT l.sku FROM unnest(:pricedSku::text[], :pricedAt::bigint[]) AS l(sku, amount)
            WHERE NOT EXISTS (SELECT 1 FROM prices pr
                              JOIN variants va ON va.sku = pr.sku
                              JOIN products p ON p.id = va.product_id AND p.status = 'APPROVED'
                              JOIN vendors ve ON ve.id = p.vendor_id AND ve.status = 'APPROVED'
                              WHERE pr.sku = l.sku AND pr.currency = :currency AND pr.amount_minor = l.amount)
            """;

    private static final String INSERT_LINES = """
            INSERT INTO order_lines (order_id, line_no, sku, product_id, vendor_id, name, quantity, unit_price_minor,
                                     line_total_minor, tax_minor)
            SELECT :orderId, * FROM unnest(:lineNo::int[], :sku::text[], :product::uuid[], :vendor::uuid[],
                                           :name::text[], :quantity::int[], :unitPrice::bigint[], :lineTotal::bigint[],
                                           :tax::bigint[])
            """;

    private static final String INSERT_SUB_ORDERS = """
            INSERT INTO sub_orders (id, order_id, vendor_id, status, subtotal_minor, tax_minor, shipping_minor,
                                    total_minor, commission_bps, commission_minor, stripe_account_id)
            SELECT id, :orderId, vendor, 'PENDING', subtotal, tax, shipping, total, bps, commission, account
            FROM unnest(:id::uuid[], :vendor::uuid[], :subtotal::bigint[], :tax::bigint[], :shipping::bigint[],
                        :total::bigint[], :bps::int[], :commission::bigint[], :account::text[])
                 AS s(id, vendor, subtotal, tax, shipping, total, bps, commission, account)
            """;

    private static final String INSERT_EVENTS = """
            INSERT INTO outbox (event_id, type, order_id, vendor_id, payload)
            SELECT event_id, type, :orderId, vendor, payload
            FROM unnest(:eventId::uuid[], :type::text[], :vendor::uuid[], :payload::jsonb[])
                 AS e(event_id, type, vendor, payload)
            """;

    private static final String SELECT_ORDER = """
            SELECT id, customer_id, order_token_hash, email, shipping_address::text AS shipping_address, country, currency, status,
                   subtotal_minor, tax_minor, shipping_minor, total_minor, reservation_id, reservation_expires_at,
                   payment_intent_id, placed_at, version
            FROM orders
            """;

    private final DatabaseClient database;

    private final TransactionalOperator transaction;

    private final JsonMapper json;

    private final Supplier<UUID> ids;

    private final Clock clock;

    public R2dbcOrders(DatabaseClient database, TransactionalOperator transaction, JsonMapper json, Supplier<UUID> ids,
            Clock clock) {
        this.database = database;
        this.transaction = transaction;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Mono<Order> place(Order order, CartId cart) {
        Mono<Order> write = insertOrder(order, cart).flatMap(inserted -> {
            if (inserted) {
                return insertLines(order).then(insertSubOrders(order))
                    .then(insertEvents(order.id(), placedEvents(order)))
                    .then(Mono.fromSupplier(() -> stored(order, order.status(), 1)));
            }
            return database.sql("SELECT EXISTS (SELECT 1 FROM orders WHERE id = :id)")
                .bind("id", order.id().value())
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one()
                .flatMap(exists -> exists ? resume(order) : superseded(order));
        });
        return write.as(transaction::transactional)
            .onErrorMap(
                    failure -> failure.getMessage() != null
                            && failure.getMessage().contains("orders_one_open_per_cart"),
                    failure -> new CartAlreadyOrdered("cart " + cart + " has an order waiting for payment"));
    }

    /**
     * A checkout resuming after a crash: the order is there already; the resumed
     * checkout's token opens it from now on.
     */
    private Mono<Order> resume(Order order) {
        return database.sql("UPDATE orders SET order_token_hash = :hash WHERE id = :id AND status = 'PENDING_PAYMENT'")
            .bind("hash", order.orderTokenHash())
            .bind("id", order.id().value())
            .fetch()
            .rowsUpdated()
            .then(find(order.id()));
    }

    private Mono<Order> superseded(Order order) {
        return pricedLines(database.sql(SUPERSEDED_OFFERS), order).map(row -> Sku.of(row.get("sku", String.class)))
            .all()
            .collectList()
            .flatMap(skus -> Mono.error(new OffersSuperseded(skus)));
    }

    private static DatabaseClient.GenericExecuteSpec pricedLines(DatabaseClient.GenericExecuteSpec statement,
            Order order) {
        List<PricedLine> lines = order.lines();
        return statement.bind("pricedSku", lines.stream().map(line -> line.sku().value()).toArray(String[]::new))
            .bind("pricedAt", lines.stream().map(line -> line.unitPrice().minor()).toArray(Long[]::new))
            .bind("currency", order.totals().total().currency().getCurrencyCode());
    }

    @Override
    public Mono<Order> attachPayment(OrderId id, PaymentIntentId payment, @Nullable String clientSecret) {
        return database
            .sql("UPDATE orders SET payment_intent_id = :payment, client_secret = :secret, updated_at = now() "
                    + "WHERE id = :id")
            .bind("id", id.value())
            .bind("payment", payment.value())
            .bind("secret", clientSecret == null ? "" : clientSecret)
            .fetch()
            .rowsUpdated()
            .then(find(id));
    }

    @Override
    public Mono<Order> find(OrderId id) {
        return database.sql(SELECT_ORDER + " WHERE id = :id")
            .bind("id", id.value())
            .map(this::orderRow)
            .one()
            .flatMap(this::assemble);
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
    public Mono<Order> findByPayment(PaymentIntentId payment) {
        return database.sql(SELECT_ORDER + " WHERE payment_intent_id = :payment")
            .bind("payment", payment.value())
            .map(this::orderRow)
            .one()
            .flatMap(this::assemble);
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

    @Override
    public Mono<Order> transition(Order order, OrderStatus next) {
        return Mono.defer(() -> move(order, order.status().moveTo(next)));
    }

    private Mono<Order> move(Order order, OrderStatus moved) {
        Mono<Order> write = database
            .sql("UPDATE orders SET status = :next, version = version + 1, updated_at = now() "
                    + "WHERE id = :id AND version = :version AND status = :current")
            .bind("next", moved.name())
            .bind("id", order.id().value())
            .bind("version", order.version())
            .bind("current", order.status().name())
            .fetch()
            .rowsUpdated()
            .flatMap(rows -> rows == 1 ? Mono.just(stored(order, moved, order.version() + 1))
                    : Mono.error(new ConcurrentOrderUpdate("order " + order.id() + " changed meanwhile")))
            .flatMap(updated -> subOrderStatus(updated, moved).then(insertEvents(updated.id(), statusEvents(updated)))
                .then(notifyStatus(updated))
                .thenReturn(updated));
        return write.as(transaction::transactional);
    }

    private Mono<Void> subOrderStatus(Order order, OrderStatus status) {
        String subStatus = switch (status) {
            case PAID -> "ACCEPTED";
            case CANCELLED, REFUNDED -> "CANCELLED";
            default -> null;
        };
        if (subStatus == null) {
            return Mono.empty();
        }
        // A sub-order already shipped stays shipped whatever happens to its order
        // afterwards. Paying an order split into separate transfers makes the vendors'
        // transfers due (PayVendorShares); calling it off makes them due no more.
        UUID[] transfersDue = status == OrderStatus.PAID && order.split() instanceof PaymentSplit.SeparateTransfers
                ? order.subOrders().stream().filter(SubOrder::awaitsTransfer).map(SubOrder::id).toArray(UUID[]::new)
                : new UUID[0];
        return database
            .sql("UPDATE sub_orders SET status = :status, updated_at = now(), "
                    + "transfer_due_at = CASE WHEN id = ANY(:due) THEN now() END "
                    + "WHERE order_id = :id AND status <> 'SHIPPED'")
            .bind("status", subStatus)
            .bind("due", transfersDue)
            .bind("id", order.id().value())
            .fetch()
            .rowsUpdated()
            .then();
    }

    @Override
    public Mono<Boolean> withdrawFromVendors(OrderId id) {
        Mono<Boolean> withdraw = lockForShipping(id)
            .then(database.sql("SELECT count(*) FROM sub_orders WHERE order_id = :id AND status = 'SHIPPED'")
                .bind("id", id.value())
                .map(row -> row.get(0, Long.class))
                .one())
            .flatMap(shipped -> shipped > 0 ? Mono.just(false)
                    : database
                        .sql("UPDATE sub_orders SET status = 'CANCELLED', updated_at = now(), transfer_due_at = NULL "
                                + "WHERE order_id = :id AND status = 'ACCEPTED'")
                        .bind("id", id.value())
                        .fetch()
                        .rowsUpdated()
                        .thenReturn(true));
        return withdraw.as(transaction::transactional);
    }

    @Override
    public Mono<Void> returnToVendors(OrderId id) {
        return database
            .sql("UPDATE sub_orders s SET status = 'ACCEPTED', updated_at = now(), "
                    + "transfer_due_at = CASE WHEN s.transfer_id IS NULL THEN now() END FROM orders o "
                    + "WHERE s.order_id = :id AND o.id = s.order_id AND o.status = 'PAID' AND s.status = 'CANCELLED'")
            .bind("id", id.value())
            .fetch()
            .rowsUpdated()
            .then();
    }

    /**
     * Within a transaction: holds the order's row until it ends, so shipping and
     * withdrawing one order's sub-orders never interleave.
     */
    public Mono<Void> lockForShipping(OrderId id) {
        return database.sql("SELECT id FROM orders WHERE id = :id FOR UPDATE").bind("id", id.value()).then();
    }

    @Override
    public Mono<Boolean> recordTransfer(UUID subOrderId, String transferId) {
        return database
            .sql("UPDATE sub_orders SET transfer_id = coalesce(transfer_id, :transfer), transfer_due_at = NULL, "
                    + "updated_at = now() WHERE id = :id RETURNING status")
            .bind("transfer", transferId)
            .bind("id", subOrderId)
            .map(row -> !"CANCELLED".equals(row.get("status", String.class)))
            .one()
            .defaultIfEmpty(false);
    }

    @Override
    public Flux<OrderId> transfersDue(int limit) {
        return database
            .sql("SELECT order_id FROM sub_orders WHERE transfer_due_at <= now() "
                    + "GROUP BY order_id ORDER BY min(transfer_due_at) LIMIT :limit")
            .bind("limit", limit)
            .map(row -> new OrderId(row.get("order_id", UUID.class)))
            .all();
    }

    @Override
    public Mono<Void> transfersDone(OrderId id) {
        return database
            .sql("UPDATE sub_orders SET transfer_due_at = NULL, transfer_attempts = 0 "
                    + "WHERE order_id = :id AND transfer_due_at IS NOT NULL")
            .bind("id", id.value())
            .fetch()
            .rowsUpdated()
            .then();
    }

    @Override
    public Mono<Void> retryTransfersLater(OrderId id, Duration first, Duration longest) {
        return database
            .sql("UPDATE sub_orders SET transfer_attempts = transfer_attempts + 1, transfer_due_at = now() + "
                    + "least(:longest * interval '1 millisecond', "
                    + ":first * power(2, least(transfer_attempts, 30)) * interval '1 millisecond') "
                    + "WHERE order_id = :id AND transfer_due_at IS NOT NULL")
            .bind("id", id.value())
            .bind("first", first.toMillis())
            .bind("longest", longest.toMillis())
            .fetch()
            .rowsUpdated()
            .then();
    }

    private Mono<Void> notifyStatus(Order order) {
        return database.sql("SELECT pg_notify('" + STATUS_CHANNEL + "', :message)")
            .bind("message", order.id() + ":" + order.status() + ":" + clock.instant())
            .fetch()
            .rowsUpdated()
            .then();
    }

    private Mono<Boolean> insertOrder(Order order, CartId cart) {
        Totals totals = order.totals();
        var statement = pricedLines(database.sql(INSERT_ORDER), order).bind("lineCount", (long) order.lines().size())
            .bind("id", order.id().value())
            .bind("tokenHash", order.orderTokenHash())
            .bind("email", order.email())
            .bind("address", json.writeValueAsString(order.shippingAddress()))
            .bind("country", order.country().value())
            .bind("status", order.status().name())
            .bind("subtotal", totals.subtotal().minor())
            .bind("tax", totals.tax().minor())
            .bind("shipping", totals.shipping().minor())
            .bind("total", totals.total().minor())
            .bind("reservation", order.reservation().value())
            .bind("expiresAt", at(order.reservationExpiresAt()))
            .bind("placedAt", at(order.placedAt()))
            .bind("cart", cart.value());
        statement = order.customer() == null ? statement.bindNull("customer", String.class)
                : statement.bind("customer", order.customer().value());
        return statement.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    private Mono<Void> insertLines(Order order) {
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
        for (int i = 0; i < size; i++) {
            PricedLine line = lines.get(i);
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
        return database.sql(INSERT_LINES)
            .bind("orderId", order.id().value())
            .bind("lineNo", lineNo)
            .bind("sku", sku)
            .bind("product", product)
            .bind("vendor", vendor)
            .bind("name", name)
            .bind("quantity", quantity)
            .bind("unitPrice", unitPrice)
            .bind("lineTotal", lineTotal)
            .bind("tax", tax)
            .fetch()
            .rowsUpdated()
            .then();
    }

    private Mono<Void> insertSubOrders(Order order) {
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
        return database.sql(INSERT_SUB_ORDERS)
            .bind("orderId", order.id().value())
            .bind("id", id)
            .bind("vendor", vendor)
            .bind("subtotal", subtotal)
            .bind("tax", tax)
            .bind("shipping", shipping)
            .bind("total", total)
            .bind("bps", bps)
            .bind("commission", commission)
            .bind("account", account)
            .fetch()
            .rowsUpdated()
            .then();
    }

    /** An event to write to the outbox. */
    private record Event(String type, @Nullable VendorId vendor, Map<String, Object> payload) {
    }

    private List<Event> placedEvents(Order order) {
        List<Event> events = new ArrayList<>();
        events.add(new Event("order.status", null, statusPayload(order, OrderStatus.PENDING_PAYMENT)));
        for (SubOrder subOrder : order.subOrders()) {
            events.add(new Event("suborder.created", subOrder.vendorId(), subOrderPayload(order, subOrder)));
        }
        return events;
    }

    private List<Event> statusEvents(Order order) {
        List<Event> events = new ArrayList<>();
        events.add(new Event("order.status", null, statusPayload(order, order.status())));
        String subOrderType = switch (order.status()) {
            case PAID -> "suborder.paid";
            case CANCELLED, REFUNDED -> "suborder.cancelled";
            default -> null;
        };
        if (subOrderType != null) {
            for (SubOrder subOrder : order.subOrders()) {
                events.add(new Event(subOrderType, subOrder.vendorId(), subOrderPayload(order, subOrder)));
            }
        }
        return events;
    }

    private Map<String, Object> statusPayload(Order order, OrderStatus status) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", order.id().toString());
        payload.put("status", status.name());
        payload.put("at", clock.instant().toString());
        return payload;
    }

    private static Map<String, Object> subOrderPayload(Order order, SubOrder subOrder) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", order.id().toString());
        payload.put("subOrderId", subOrder.id().toString());
        payload.put("vendorId", subOrder.vendorId().toString());
        payload.put("total", money(subOrder.totals().total()));
        payload.put("commission", money(subOrder.commission()));
        payload.put("lines",
                order.lines()
                    .stream()
                    .filter(line -> line.vendorId().equals(subOrder.vendorId()))
                    .map(line -> Map.of("sku", line.sku().value(), "name", line.name(), "quantity", line.quantity(),
                            "lineTotal", money(line.lineTotal())))
                    .toList());
        return payload;
    }

    private static Map<String, Object> money(Money money) {
        return Map.of("amount", money.minor(), "currency", money.currency().getCurrencyCode());
    }

    /**
     * Writes one event of the order to the outbox, in the caller's transaction (for
     * changes made outside this adapter, such as a sub-order shipped).
     */
    public Mono<Void> recordEvent(OrderId orderId, String type, @Nullable VendorId vendor,
            Map<String, Object> payload) {
        return insertEvents(orderId, List.of(new Event(type, vendor, payload)));
    }

    private Mono<Void> insertEvents(OrderId orderId, List<Event> events) {
        int size = events.size();
        UUID[] eventId = new UUID[size];
        String[] type = new String[size];
        UUID[] vendor = new UUID[size];
        String[] payload = new String[size];
        for (int i = 0; i < size; i++) {
            Event event = events.get(i);
            eventId[i] = ids.get();
            type[i] = event.type();
            vendor[i] = event.vendor() == null ? null : event.vendor().value();
            payload[i] = json.writeValueAsString(event.payload());
        }
        return database.sql(INSERT_EVENTS)
            .bind("orderId", orderId.value())
            .bind("eventId", eventId)
            .bind("type", type)
            .bind("vendor", vendor)
            .bind("payload", payload)
            .fetch()
            .rowsUpdated()
            .then();
    }

    /**
     * An order's own row, read while the row is valid; its lines and sub-orders complete
     * it (see {@link #assemble}).
     */
    private record OrderRow(UUID id, Currency currency, BiFunction<List<PricedLine>, List<SubOrder>, Order> complete) {
    }

    private Mono<Order> assemble(OrderRow orderRow) {
        UUID id = orderRow.id();
        Currency currency = orderRow.currency();
        Mono<List<PricedLine>> lines = database
            .sql("SELECT sku, product_id, vendor_id, name, quantity, unit_price_minor, line_total_minor, tax_minor "
                    + "FROM order_lines WHERE order_id = :id ORDER BY line_no")
            .bind("id", id)
            .map(row -> new PricedLine(Sku.of(row.get("sku", String.class)),
                    new ProductId(row.get("product_id", UUID.class)), new VendorId(row.get("vendor_id", UUID.class)),
                    row.get("name", String.class), row.get("quantity", Integer.class),
                    Money.of(row.get("unit_price_minor", Long.class), currency),
                    Money.of(row.get("line_total_minor", Long.class), currency),
                    Money.of(row.get("tax_minor", Long.class), currency)))
            .all()
            .collectList();
        Mono<List<SubOrder>> subOrders = database
            .sql("SELECT id, vendor_id, subtotal_minor, tax_minor, shipping_minor, commission_bps, commission_minor, "
                    + "stripe_account_id, transfer_id FROM sub_orders WHERE order_id = :id ORDER BY id")
            .bind("id", id)
            .map(row -> new SubOrder(row.get("id", UUID.class), new VendorId(row.get("vendor_id", UUID.class)),
                    Totals.of(Money.of(row.get("subtotal_minor", Long.class), currency),
                            Money.of(row.get("tax_minor", Long.class), currency),
                            Money.of(row.get("shipping_minor", Long.class), currency)),
                    BasisPoints.of(row.get("commission_bps", Integer.class)),
                    Money.of(row.get("commission_minor", Long.class), currency),
                    account(row.get("stripe_account_id", String.class)), row.get("transfer_id", String.class)))
            .all()
            .collectList();
        return Mono.zip(lines, subOrders).map(both -> orderRow.complete().apply(both.getT1(), both.getT2()));
    }

    private OrderRow orderRow(Readable row) {
        UUID id = row.get("id", UUID.class);
        Currency currency = Currency.getInstance(row.get("currency", String.class));
        String customer = row.get("customer_id", String.class);
        String payment = row.get("payment_intent_id", String.class);
        @SuppressWarnings("unchecked")
        Map<String, String> address = json.readValue(row.get("shipping_address", String.class), Map.class);
        String tokenHash = row.get("order_token_hash", String.class);
        String email = row.get("email", String.class);
        CountryCode country = CountryCode.of(row.get("country", String.class));
        OrderStatus status = OrderStatus.valueOf(row.get("status", String.class));
        Totals totals = Totals.of(Money.of(row.get("subtotal_minor", Long.class), currency),
                Money.of(row.get("tax_minor", Long.class), currency),
                Money.of(row.get("shipping_minor", Long.class), currency));
        ReservationId reservation = new ReservationId(row.get("reservation_id", UUID.class));
        Instant expiresAt = row.get("reservation_expires_at", OffsetDateTime.class).toInstant();
        Instant placedAt = row.get("placed_at", OffsetDateTime.class).toInstant();
        long version = row.get("version", Long.class);
        return new OrderRow(id, currency,
                (lines, subOrders) -> new Order(new OrderId(id), customer == null ? null : new CustomerId(customer),
                        tokenHash, email, address, country, status, totals, lines, subOrders, reservation, expiresAt,
                        payment == null ? null : new PaymentIntentId(payment), placedAt, version));
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
