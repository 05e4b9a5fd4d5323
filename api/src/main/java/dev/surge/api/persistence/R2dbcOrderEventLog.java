package dev.surge.api.persistence;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.OrderEventLog;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The outbox in PostgreSQL, with stream sequences given by the leased relay. */
public class R2dbcOrderEventLog implements OrderEventLog {

    private static final String LEASE = """
            INSERT INTO leases (name, holder, expires_at) VALUES ('outbox-relay', :holder, now() + :millis * interval '1 millisecond')
            ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
                WHERE leases.expires_at < now() OR leases.holder = EXCLUDED.holder
            RETURNING holder
            """;

    /**
     * The next batch to publish, in one statement (so no transaction round trips, and no
     * write at all when nothing is new): events numbered before but not yet published,
     * then the next unnumbered ones numbered after the highest number given, in outbox
     * order. The outer query reads the snapshot from before the numbering, so the two
     * parts never overlap.
     */
    private static final String NEXT_TO_PUBLISH = """
            WITH next AS (
                SELECT sequence, row_number() OVER (ORDER BY sequence) AS position
                FROM outbox WHERE stream_sequence IS NULL ORDER BY sequence LIMIT :limit
            ), base AS (SELECT coalesce(max(stream_sequence), 0) AS top FROM outbox),
            numbered AS (
                UPDATE outbox o SET stream_sequence = base.top + next.position
                FROM next, base WHERE o.sequence = next.sequence
                RETURNING o.event_id, o.stream_sequence, o.type, o.occurred_at, o.order_id, o.vendor_id,
                          o.payload::text AS payload
            )
            SELECT * FROM (
                SELECT event_id, stream_sequence, type, occurred_at, order_id, vendor_id, payload::text AS payload
                FROM outbox WHERE published_at IS NULL AND stream_sequence IS NOT NULL
                UNION ALL
                SELECT * FROM numbered
            ) AS batch
            ORDER BY stream_sequence LIMIT :limit
            """;

    private static final String COLUMNS = "event_id, stream_sequence, type, occurred_at, order_id, vendor_id, "
            + "payload::text AS payload";

    private final DatabaseClient database;

    public R2dbcOrderEventLog(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<Boolean> lease(String holder, Duration lease) {
        return database.sql(LEASE)
            .bind("holder", holder)
            .bind("millis", lease.toMillis())
            .map(row -> holder.equals(row.get("holder", String.class)))
            .one()
            .defaultIfEmpty(false);
    }

    @Override
    public Flux<OrderEvent> nextToPublish(int limit) {
        return database.sql(NEXT_TO_PUBLISH).bind("limit", limit).map(R2dbcOrderEventLog::event).all();
    }

    @Override
    public Mono<Void> markPublished(Collection<Long> sequences) {
        if (sequences.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("UPDATE outbox SET published_at = now() WHERE stream_sequence = ANY(:sequences)")
            .bind("sequences", sequences.toArray(Long[]::new))
            .fetch()
            .rowsUpdated()
            .then();
    }

    @Override
    public Flux<OrderEvent> vendorEventsAfter(VendorId vendor, long sequence, int limit) {
        return database
            .sql("SELECT " + COLUMNS + " FROM outbox WHERE vendor_id = :vendor AND stream_sequence > :after "
                    + "AND type LIKE 'suborder.%' ORDER BY stream_sequence LIMIT :limit")
            .bind("vendor", vendor.value())
            .bind("after", sequence)
            .bind("limit", limit)
            .map(R2dbcOrderEventLog::event)
            .all();
    }

    static OrderEvent event(Readable row) {
        UUID vendor = row.get("vendor_id", UUID.class);
        return new OrderEvent(row.get("event_id", UUID.class), row.get("stream_sequence", Long.class),
                row.get("type", String.class), row.get("occurred_at", OffsetDateTime.class).toInstant(),
                new OrderId(row.get("order_id", UUID.class)), vendor == null ? null : new VendorId(vendor),
                row.get("payload", String.class), OrderEvent.SCHEMA_VERSION);
    }

}
