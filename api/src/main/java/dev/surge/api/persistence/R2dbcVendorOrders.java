package dev.surge.api.persistence;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.Payout;
import dev.surge.checkout.domain.PricedLine;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.SubOrderStatus;
import dev.surge.checkout.domain.Totals;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorSubOrder;
import dev.surge.checkout.port.VendorOrders;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Sub-orders by vendor in PostgreSQL. Every query names the vendor, so a vendor can never
 * read or change another vendor's sub-order, whatever id it sends.
 */
public class R2dbcVendorOrders implements VendorOrders {

    private static final String SELECT = """
            SELECT s.id, s.order_id, s.vendor_id, s.status, o.status AS order_status, s.subtotal_minor, s.tax_minor, s.shipping_minor,
                   s.commission_minor, s.carrier, s.tracking_number, o.currency, o.placed_at
            FROM sub_orders s JOIN orders o ON o.id = s.order_id
            """;

    private final DatabaseClient database;

    public R2dbcVendorOrders(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<List<VendorSubOrder>> page(VendorId vendor, @Nullable SubOrderStatus status, @Nullable UUID after,
            int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE s.vendor_id = :vendor");
        if (status != null) {
            sql.append(" AND s.status = :status");
        }
        if (after != null) {
            sql.append(" AND (o.placed_at, s.id) < (SELECT o2.placed_at, s2.id FROM sub_orders s2 JOIN orders o2 ")
                .append("ON o2.id = s2.order_id WHERE s2.id = :after AND s2.vendor_id = :vendor)");
        }
        sql.append(" ORDER BY o.placed_at DESC, s.id DESC LIMIT :limit");
        var statement = database.sql(sql.toString()).bind("vendor", vendor.value()).bind("limit", limit);
        if (status != null) {
            statement = statement.bind("status", status.name());
        }
        if (after != null) {
            statement = statement.bind("after", after);
        }
        return statement.map(R2dbcVendorOrders::row).all().collectList().flatMap(this::withLines);
    }

    @Override
    public Mono<List<Payout>> payouts(VendorId vendor, int limit) {
        return database
            .sql("SELECT id, amount_minor, currency, status, stripe_transfer_id, created_at FROM payouts "
                    + "WHERE vendor_id = :vendor ORDER BY created_at DESC, id DESC LIMIT :limit")
            .bind("vendor", vendor.value())
            .bind("limit", limit)
            .map(row -> new Payout(row.get("id", UUID.class), vendor,
                    Money.of(row.get("amount_minor", Long.class), row.get("currency", String.class)),
                    row.get("status", String.class), row.get("stripe_transfer_id", String.class),
                    row.get("created_at", OffsetDateTime.class).toInstant()))
            .all()
            .collectList();
    }

    @Override
    public Mono<VendorSubOrder> find(VendorId vendor, UUID subOrderId) {
        return database.sql(SELECT + " WHERE s.id = :id AND s.vendor_id = :vendor")
            .bind("id", subOrderId)
            .bind("vendor", vendor.value())
            .map(R2dbcVendorOrders::row)
            .all()
            .collectList()
            .flatMap(this::withLines)
            .flatMapIterable(found -> found)
            .next();
    }

    /**
     * Adds each sub-order's lines (its vendor's lines of the order) with one more query.
     */
    private Mono<List<VendorSubOrder>> withLines(List<Row> rows) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        UUID[] orderIds = rows.stream().map(Row::orderId).distinct().toArray(UUID[]::new);
        UUID vendor = rows.getFirst().vendorId();
        return database
            .sql("SELECT order_id, sku, product_id, vendor_id, name, quantity, unit_price_minor, line_total_minor, "
                    + "tax_minor FROM order_lines WHERE order_id = ANY(:orders) AND vendor_id = :vendor "
                    + "ORDER BY order_id, line_no")
            .bind("orders", orderIds)
            .bind("vendor", vendor)
            .map(line -> Map.entry(line.get("order_id", UUID.class), lineParts(line)))
            .all()
            .collectList()
            .map(lines -> rows.stream()
                .map(row -> row.toSubOrder(lines.stream()
                    .filter(entry -> entry.getKey().equals(row.orderId()))
                    .map(entry -> entry.getValue().toLine(row.currency()))
                    .toList()))
                .toList());
    }

    private record LineParts(String sku, UUID productId, UUID vendorId, String name, int quantity, long unitPrice,
            long lineTotal, long tax) {

        PricedLine toLine(Currency currency) {
            return new PricedLine(Sku.of(sku), new ProductId(productId), new VendorId(vendorId), name, quantity,
                    Money.of(unitPrice, currency), Money.of(lineTotal, currency), Money.of(tax, currency));
        }

    }

    private static LineParts lineParts(Readable line) {
        return new LineParts(line.get("sku", String.class), line.get("product_id", UUID.class),
                line.get("vendor_id", UUID.class), line.get("name", String.class), line.get("quantity", Integer.class),
                line.get("unit_price_minor", Long.class), line.get("line_total_minor", Long.class),
                line.get("tax_minor", Long.class));
    }

    private record Row(UUID id, UUID orderId, UUID vendorId, String status, String orderStatus, long subtotal, long tax,
            long shipping, long commission, @Nullable String carrier, @Nullable String tracking, Currency currency,
            OffsetDateTime placedAt) {

        VendorSubOrder toSubOrder(List<PricedLine> lines) {
            return new VendorSubOrder(id, new OrderId(orderId), new VendorId(vendorId), SubOrderStatus.valueOf(status),
                    OrderStatus.valueOf(orderStatus),
                    Totals.of(Money.of(subtotal, currency), Money.of(tax, currency), Money.of(shipping, currency)),
                    Money.of(commission, currency), new ArrayList<>(lines), carrier, tracking, placedAt.toInstant());
        }

    }

    private static Row row(Readable row) {
        return new Row(row.get("id", UUID.class), row.get("order_id", UUID.class), row.get("vendor_id", UUID.class),
                row.get("status", String.class), row.get("order_status", String.class),
                row.get("subtotal_minor", Long.class), row.get("tax_minor", Long.class),
                row.get("shipping_minor", Long.class), row.get("commission_minor", Long.class),
                row.get("carrier", String.class), row.get("tracking_number", String.class),
                Currency.getInstance(row.get("currency", String.class)), row.get("placed_at", OffsetDateTime.class));
    }

}
