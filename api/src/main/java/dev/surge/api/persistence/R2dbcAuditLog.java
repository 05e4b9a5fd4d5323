package dev.surge.api.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.AuditLog;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The audit log in PostgreSQL, append-only, read newest first by position. */
public final class R2dbcAuditLog implements AuditLog {

    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {
    };

    private static final String APPEND = """
            INSERT INTO audit_log (at, actor, role, vendor_id, action, target, before, after)
            VALUES (:at, :actor, :role, :vendor, :action, :target, CAST(:before AS jsonb), CAST(:after AS jsonb))
            """;

    private static final String READ = """
            SELECT position, at, actor, role, vendor_id, action, target, before::text AS before, after::text AS after
            FROM audit_log
            WHERE (CAST(:actor AS text) IS NULL OR actor = :actor)
              AND (CAST(:target AS text) IS NULL OR target = :target)
              AND (CAST(:vendor AS uuid) IS NULL OR vendor_id = :vendor)
              AND (CAST(:before AS bigint) IS NULL OR position < :before)
            ORDER BY position DESC LIMIT :limit
            """;

    private final DatabaseClient database;

    private final JsonMapper json;

    public R2dbcAuditLog(DatabaseClient database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    @Override
    public Mono<Void> record(AuditEntry entry) {
        return Mono.defer(() -> {
            DatabaseClient.GenericExecuteSpec insert = database.sql(APPEND)
                .bind("at", entry.at().atOffset(ZoneOffset.UTC))
                .bind("actor", entry.actor().subject())
                .bind("role", entry.actor().role())
                .bind("action", entry.action())
                .bind("target", entry.target());
            insert = entry.vendor() == null ? insert.bindNull("vendor", UUID.class)
                    : insert.bind("vendor", entry.vendor().value());
            insert = bindState(insert, "before", entry.before());
            insert = bindState(insert, "after", entry.after());
            return insert.fetch().rowsUpdated().then();
        });
    }

    @Override
    public Mono<List<Recorded>> read(Query query, int limit) {
        DatabaseClient.GenericExecuteSpec select = database.sql(READ).bind("limit", limit);
        select = bindOrNull(select, "actor", query.actor(), String.class);
        select = bindOrNull(select, "target", query.target(), String.class);
        select = bindOrNull(select, "vendor", query.vendor() == null ? null : query.vendor().value(), UUID.class);
        select = bindOrNull(select, "before", query.before(), Long.class);
        return select.map(this::recorded).all().collectList();
    }

    private Recorded recorded(Readable row) {
        UUID vendor = row.get("vendor_id", UUID.class);
        return new Recorded(row.get("position", Long.class),
                new AuditEntry(row.get("at", OffsetDateTime.class).toInstant(),
                        new Actor(row.get("actor", String.class), row.get("role", String.class)),
                        vendor == null ? null : new VendorId(vendor), row.get("action", String.class),
                        row.get("target", String.class), state(row.get("before", String.class)),
                        state(row.get("after", String.class))));
    }

    private @Nullable Map<String, Object> state(@Nullable String stored) {
        return stored == null ? null : json.readValue(stored, STATE);
    }

    private DatabaseClient.GenericExecuteSpec bindState(DatabaseClient.GenericExecuteSpec statement, String name,
            @Nullable Map<String, Object> state) {
        return state == null ? statement.bindNull(name, String.class)
                : statement.bind(name, json.writeValueAsString(state));
    }

    private static <T> DatabaseClient.GenericExecuteSpec bindOrNull(DatabaseClient.GenericExecuteSpec statement,
            String name, @Nullable T value, Class<T> type) {
        return value == null ? statement.bindNull(name, type) : statement.bind(name, value);
    }

}
