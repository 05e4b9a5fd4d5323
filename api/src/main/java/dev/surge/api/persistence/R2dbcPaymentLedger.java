package dev.surge.api.persistence;

import java.util.Optional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRecord;
import dev.surge.checkout.domain.PaymentStatus;
import dev.surge.checkout.port.ConcurrentPaymentUpdate;
import dev.surge.checkout.port.PaymentLedger;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Mono;

/**
 * Payments and handled provider events in PostgreSQL ({@code payments},
 * {@code payment_events}). Writers race safely: an event id is inserted at most once, and
 * a record is written only at the version it was read at.
 */
public class R2dbcPaymentLedger implements PaymentLedger {

    /**
     * The sighting and the record's read in one statement. The read sees the record as
     * the statement began, which is what a version-checked save needs.
     */
    private static final String SIGHT = """
            WITH sighted AS (
                INSERT INTO payment_events (event_id, payment_intent_id, type, occurred_at)
                VALUES (:eventId, :payment, :type, :occurredAt)
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id
            )
            SELECT EXISTS (SELECT 1 FROM sighted) AS first,
                   p.payment_intent_id, p.order_id, p.status, p.decline_code, p.charge_id, p.refunded_minor,
                   p.refunded_currency, p.fully_refunded, p.disputed, p.last_event_at, p.version
            FROM (SELECT 1) AS one LEFT JOIN payments p ON p.payment_intent_id = :payment
            """;

    private static final String FIND = """
            SELECT payment_intent_id, order_id, status, decline_code, charge_id, refunded_minor, refunded_currency,
                   fully_refunded, disputed, last_event_at, version
            FROM payments WHERE payment_intent_id = :payment
            """;

    private static final String KNOWN = """
            SELECT EXISTS (SELECT 1 FROM payment_events WHERE event_id = :eventId) AS seen,
                   p.payment_intent_id, p.order_id, p.status, p.decline_code, p.charge_id, p.refunded_minor,
                   p.refunded_currency, p.fully_refunded, p.disputed, p.last_event_at, p.version,
                   (SELECT o.status FROM orders o WHERE o.payment_intent_id = :payment) AS order_status
            FROM (SELECT 1) AS one LEFT JOIN payments p ON p.payment_intent_id = :payment
            """;

    private static final String INSERT = """
            INSERT INTO payments (payment_intent_id, order_id, status, decline_code, charge_id, refunded_minor,
                                  refunded_currency, fully_refunded, disputed, last_event_at, version)
            VALUES (:payment, :orderId, :status, :declineCode, :chargeId, :refundedMinor, :refundedCurrency,
                    :fullyRefunded, :disputed, :lastEventAt, 1)
            ON CONFLICT (payment_intent_id) DO NOTHING
            """;

    private static final String UPDATE = """
            UPDATE payments SET order_id = :orderId, status = :status, decline_code = :declineCode, charge_id = :chargeId,
                   refunded_minor = :refundedMinor, refunded_currency = :refundedCurrency,
                   fully_refunded = :fullyRefunded, disputed = :disputed, last_event_at = :lastEventAt,
                   version = version + 1, updated_at = now()
            WHERE payment_intent_id = :payment AND version = :version
            """;

    private final DatabaseClient database;

    public R2dbcPaymentLedger(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<Sighting> sight(PaymentEvent event) {
        return database.sql(SIGHT)
            .bind("eventId", event.eventId())
            .bind("payment", event.payment().value())
            .bind("type", typeOf(event))
            .bind("occurredAt", at(event.occurredAt()))
            .map(row -> new Sighting(Boolean.TRUE.equals(row.get("first", Boolean.class)), stored(row)))
            .one();
    }

    @Override
    public Mono<Known> known(PaymentEvent event) {
        return database.sql(KNOWN)
            .bind("eventId", event.eventId())
            .bind("payment", event.payment().value())
            .map(row -> new Known(Boolean.TRUE.equals(row.get("seen", Boolean.class)), stored(row),
                    Optional.ofNullable(row.get("order_status", String.class)).map(OrderStatus::valueOf)))
            .one();
    }

    @Override
    public Mono<PaymentRecord> find(PaymentIntentId payment) {
        return database.sql(FIND).bind("payment", payment.value()).map(R2dbcPaymentLedger::record).one();
    }

    @Override
    public Mono<PaymentRecord> save(PaymentRecord record) {
        GenericExecuteSpec statement = bindState(database.sql(record.isStored() ? UPDATE : INSERT), record);
        if (record.isStored()) {
            statement = statement.bind("version", record.version());
        }
        return statement.fetch()
            .rowsUpdated()
            .flatMap(rows -> rows == 1 ? Mono.just(storedAgain(record)) : Mono
                .error(new ConcurrentPaymentUpdate("payment " + record.payment() + " was changed concurrently")));
    }

    /** Forgets handled events received before {@code cutoff}; emits how many. */
    public Mono<Long> forgetEventsReceivedBefore(Instant cutoff) {
        return database.sql("DELETE FROM payment_events WHERE received_at < :cutoff")
            .bind("cutoff", at(cutoff))
            .fetch()
            .rowsUpdated();
    }

    private static GenericExecuteSpec bindState(GenericExecuteSpec statement, PaymentRecord record) {
        Money refunded = record.refunded();
        GenericExecuteSpec bound = statement.bind("payment", record.payment().value())
            .bind("status", record.status().name())
            .bind("fullyRefunded", record.fullyRefunded())
            .bind("disputed", record.disputed())
            .bind("lastEventAt", at(record.lastEventAt()));
        bound = nullable(bound, "orderId", record.orderId() == null ? null : record.orderId().value(), UUID.class);
        bound = nullable(bound, "declineCode", record.declineCode(), String.class);
        bound = nullable(bound, "chargeId", record.chargeId(), String.class);
        bound = nullable(bound, "refundedMinor", refunded == null ? null : refunded.minor(), Long.class);
        return nullable(bound, "refundedCurrency", refunded == null ? null : refunded.currency().getCurrencyCode(),
                String.class);
    }

    private static <T> GenericExecuteSpec nullable(GenericExecuteSpec statement, String name, @Nullable T value,
            Class<T> type) {
        return value == null ? statement.bindNull(name, type) : statement.bind(name, value);
    }

    private static Optional<PaymentRecord> stored(Readable row) {
        return row.get("payment_intent_id", String.class) == null ? Optional.empty() : Optional.of(record(row));
    }

    private static PaymentRecord record(Readable row) {
        UUID orderId = row.get("order_id", UUID.class);
        Long refundedMinor = row.get("refunded_minor", Long.class);
        String refundedCurrency = row.get("refunded_currency", String.class);
        return new PaymentRecord(new PaymentIntentId(row.get("payment_intent_id", String.class)),
                orderId == null ? null : new OrderId(orderId), PaymentStatus.valueOf(row.get("status", String.class)),
                row.get("decline_code", String.class), row.get("charge_id", String.class),
                refundedMinor == null || refundedCurrency == null ? null : Money.of(refundedMinor, refundedCurrency),
                Boolean.TRUE.equals(row.get("fully_refunded", Boolean.class)),
                Boolean.TRUE.equals(row.get("disputed", Boolean.class)),
                row.get("last_event_at", OffsetDateTime.class).toInstant(), row.get("version", Long.class));
    }

    private static PaymentRecord storedAgain(PaymentRecord record) {
        return new PaymentRecord(record.payment(), record.orderId(), record.status(), record.declineCode(),
                record.chargeId(), record.refunded(), record.fullyRefunded(), record.disputed(), record.lastEventAt(),
                record.version() + 1);
    }

    private static String typeOf(PaymentEvent event) {
        return switch (event) {
            case PaymentEvent.PaymentSucceeded succeeded -> "payment.succeeded";
            case PaymentEvent.PaymentFailed failed -> "payment.failed";
            case PaymentEvent.PaymentCanceled canceled -> "payment.canceled";
            case PaymentEvent.ChargeRefunded refunded -> "charge.refunded";
            case PaymentEvent.DisputeOpened dispute -> "dispute.opened";
        };
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
