package dev.surge.api.persistence;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.surge.checkout.domain.PurchaseLimit;
import dev.surge.checkout.domain.Reservation;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.RecordedStock;
import dev.surge.checkout.port.StockOfRecord;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stock on hand in PostgreSQL's {@code stock_levels}, changed only for the owning vendor.
 */
public class R2dbcStockOfRecord implements StockOfRecord {

    /**
     * Upsert guarded by ownership: no row is touched unless the vendor sells the SKU. The
     * count is numbered, and read back with the units sold as of the count (the row is
     * locked by the update, so no sale is recorded in between).
     */
    private static final String SET_ON_HAND = """
            INSERT INTO stock_levels (sku, on_hand, recounts)
            SELECT v.sku, :onHand, 1
            FROM variants v JOIN products p ON p.id = v.product_id
            WHERE v.sku = :sku AND p.vendor_id = :vendorId
            ON CONFLICT (sku) DO UPDATE
                SET on_hand = EXCLUDED.on_hand, recounts = stock_levels.recounts + 1, updated_at = now()
            RETURNING sku, on_hand, sold, recounts, per_buyer, per_buyer_window_seconds, queue_admit_per_second
            """;

    private static final String SET_QUEUE = """
            UPDATE stock_levels SET queue_admit_per_second = :rate, updated_at = now() WHERE sku = :sku
            RETURNING sku, on_hand, sold, recounts, per_buyer, per_buyer_window_seconds, queue_admit_per_second
            """;

    /** As {@link #SET_ON_HAND}: no row is touched unless the vendor sells the SKU. */
    private static final String SET_LIMIT = """
            UPDATE stock_levels s SET per_buyer = :perBuyer, per_buyer_window_seconds = :windowSeconds,
                updated_at = now()
            FROM variants v JOIN products p ON p.id = v.product_id
            WHERE s.sku = :sku AND v.sku = s.sku AND (CAST(:vendorId AS uuid) IS NULL OR p.vendor_id = :vendorId)
            RETURNING s.sku, s.on_hand, s.sold, s.recounts, s.per_buyer, s.per_buyer_window_seconds, s.queue_admit_per_second
            """;

    /**
     * The sale of a reservation's lines, once, in one statement: the on-hand rows are
     * locked in SKU order first (so orders sharing SKUs never deadlock), and a line's
     * on-hand update only runs if this statement wrote its commit row.
     */
    private static final String RECORD_SALE = """
            WITH locked AS (
                SELECT sku FROM stock_levels WHERE sku = ANY(:skus) ORDER BY sku FOR UPDATE
            ), sold AS (
                INSERT INTO stock_commits (reservation_id, sku, quantity)
                SELECT :reservationId, l.sku, l.quantity
                FROM unnest(:skus::text[], :quantities::int[]) AS l(sku, quantity)
                WHERE (SELECT count(*) FROM locked) >= 0
                ON CONFLICT (reservation_id, sku) DO NOTHING
                RETURNING sku, quantity
            )
            UPDATE stock_levels s
            SET on_hand = s.on_hand - sold.quantity, sold = s.sold + sold.quantity, updated_at = now()
            FROM sold WHERE s.sku = sold.sku
            """;

    /** SKUs per statement when reading every level. */
    static final int PAGE = 5_000;

    private final DatabaseClient database;

    private final int page;

    public R2dbcStockOfRecord(DatabaseClient database) {
        this(database, PAGE);
    }

    R2dbcStockOfRecord(DatabaseClient database, int page) {
        this.database = database;
        this.page = page;
    }

    /**
     * Every level, in SKU order, a page per statement: one statement over a large catalog
     * stays open while its reader writes each level on to Redis, and at 250,000 SKUs it
     * outlived the statement timeout (Surge could not start).
     */
    @Override
    public Flux<RecordedStock> all() {
        return levelsAfter("")
            .expand(levels -> levels.size() < page ? Mono.empty() : levelsAfter(levels.getLast().sku().value()))
            .concatMapIterable(levels -> levels);
    }

    private Mono<List<RecordedStock>> levelsAfter(String sku) {
        return database.sql(
                "SELECT sku, on_hand, sold, recounts, per_buyer, per_buyer_window_seconds, queue_admit_per_second FROM stock_levels "
                        + "WHERE sku > :after ORDER BY sku LIMIT :limit")
            .bind("after", sku)
            .bind("limit", page)
            .map(R2dbcStockOfRecord::recorded)
            .all()
            .collectList();
    }

    @Override
    public Flux<RecordedStock> of(List<Sku> skus) {
        return database
            .sql("SELECT sku, on_hand, sold, recounts, per_buyer, per_buyer_window_seconds, queue_admit_per_second "
                    + "FROM stock_levels WHERE sku = ANY(:skus)")
            .bind("skus", skus.stream().map(Sku::value).toArray(String[]::new))
            .map(R2dbcStockOfRecord::recorded)
            .all();
    }

    private static RecordedStock recorded(Readable row) {
        Integer perBuyer = row.get("per_buyer", Integer.class);
        return new RecordedStock(Sku.of(row.get("sku", String.class)),
                Objects.requireNonNull(row.get("on_hand", Integer.class)),
                Objects.requireNonNull(row.get("sold", Long.class)),
                Objects.requireNonNull(row.get("recounts", Long.class)),
                perBuyer == null ? null
                        : new PurchaseLimit(perBuyer,
                                Duration.ofSeconds(
                                        Objects.requireNonNull(row.get("per_buyer_window_seconds", Integer.class)))),
                row.get("queue_admit_per_second", Integer.class));
    }

    @Override
    public Mono<Void> recordSale(Reservation reservation) {
        return database.sql(RECORD_SALE)
            .bind("reservationId", reservation.id().value())
            .bind("skus", reservation.lines().stream().map(line -> line.sku().value()).toArray(String[]::new))
            .bind("quantities",
                    reservation.lines().stream().map(line -> line.quantity().value()).toArray(Integer[]::new))
            .fetch()
            .rowsUpdated()
            .then();
    }

    @Override
    public Mono<RecordedStock> setOnHand(VendorId vendor, Sku sku, int onHand) {
        return database.sql(SET_ON_HAND)
            .bind("onHand", onHand)
            .bind("sku", sku.value())
            .bind("vendorId", vendor.value())
            .map(R2dbcStockOfRecord::recorded)
            .one();
    }

    @Override
    public Mono<RecordedStock> waitingRoom(Sku sku, @Nullable Integer admitPerSecond) {
        var statement = database.sql(SET_QUEUE);
        statement = admitPerSecond == null ? statement.bindNull("rate", Integer.class)
                : statement.bind("rate", admitPerSecond);
        return statement.bind("sku", sku.value()).map(R2dbcStockOfRecord::recorded).one();
    }

    @Override
    public Mono<RecordedStock> limit(@Nullable VendorId vendor, Sku sku, @Nullable PurchaseLimit limit) {
        var statement = database.sql(SET_LIMIT);
        statement = limit == null ? statement.bindNull("perBuyer", Integer.class)
                : statement.bind("perBuyer", limit.perBuyer());
        statement = vendor == null ? statement.bindNull("vendorId", UUID.class)
                : statement.bind("vendorId", vendor.value());
        return statement
            .bind("windowSeconds", (int) (limit == null ? PurchaseLimit.DEFAULT_WINDOW : limit.window()).toSeconds())
            .bind("sku", sku.value())
            .map(R2dbcStockOfRecord::recorded)
            .one();
    }

}
