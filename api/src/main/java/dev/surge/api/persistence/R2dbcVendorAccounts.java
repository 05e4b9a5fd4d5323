package dev.surge.api.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorAccount;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorStatus;
import dev.surge.checkout.port.VendorAccounts;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Vendors in PostgreSQL, their first member written with the application. */
public final class R2dbcVendorAccounts implements VendorAccounts {

    /**
     * A vendor's commission is its base rate in force now: its own rule (vendor scope),
     * else the marketplace's, as {@link dev.surge.checkout.domain.CommissionRules}
     * decides for a line of no particular category.
     */
    private static final String COLUMNS = """
            id, name, email, country, default_currency, status, status_reason, stripe_account_id, payouts_enabled,
            auto_approve_products, payouts_release_reason, created_at, version,
            coalesce((SELECT CASE WHEN r.ends_at IS NULL OR r.ends_at > now() THEN r.rate_bps END
                      FROM commission_rules r
                      WHERE r.vendor_id = vendors.id AND r.category IS NULL AND r.effective_from <= now()
                      ORDER BY r.effective_from DESC LIMIT 1),
                     (SELECT CASE WHEN r.ends_at IS NULL OR r.ends_at > now() THEN r.rate_bps END
                      FROM commission_rules r
                      WHERE r.vendor_id IS NULL AND r.category IS NULL AND r.effective_from <= now()
                      ORDER BY r.effective_from DESC LIMIT 1),
                     0) AS commission_bps
            """;

    private static final String OPEN = """
            WITH vendor AS (
                INSERT INTO vendors (id, name, email, country, default_currency, status, commission_bps, created_at,
                                     updated_at)
                VALUES (:id, :name, :email, :country, :currency, :status, :commission, :at, :at)
                RETURNING id
            )
            INSERT INTO vendor_members (vendor_id, subject, role, added_at)
            SELECT id, :subject, :role, :at FROM vendor
            """;

    private static final String RECORD = """
            UPDATE vendors SET status = :status, status_reason = :reason, commission_bps = :commission,
                               stripe_account_id = :account, payouts_enabled = :payoutsEnabled,
                               auto_approve_products = :autoApprove, payouts_release_reason = :releaseReason,
                               version = :version, updated_at = now()
            WHERE id = :id AND version = :version - 1
            """;

    private final DatabaseClient database;

    public R2dbcVendorAccounts(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<VendorAccount> find(VendorId id) {
        return database.sql("SELECT " + COLUMNS + " FROM vendors WHERE id = :id")
            .bind("id", id.value())
            .map(R2dbcVendorAccounts::account)
            .one();
    }

    @Override
    public Mono<VendorAccount> findByPayoutAccount(ConnectedAccountId account) {
        return database.sql("SELECT " + COLUMNS + " FROM vendors WHERE stripe_account_id = :account")
            .bind("account", account.value())
            .map(R2dbcVendorAccounts::account)
            .one();
    }

    @Override
    public Mono<Void> open(VendorAccount application, Membership owner) {
        return database.sql(OPEN)
            .bind("id", application.id().value())
            .bind("name", application.name())
            .bind("email", application.email())
            .bind("country", application.country().value())
            .bind("currency", application.defaultCurrency().getCurrencyCode())
            .bind("status", application.status().name())
            .bind("commission", application.commissionRate().value())
            .bind("at", application.createdAt().atOffset(ZoneOffset.UTC))
            .bind("subject", owner.subject())
            .bind("role", owner.role().name())
            .fetch()
            .rowsUpdated()
            .then();
    }

    @Override
    public Mono<Boolean> record(VendorAccount changed) {
        DatabaseClient.GenericExecuteSpec update = database.sql(RECORD)
            .bind("id", changed.id().value())
            .bind("status", changed.status().name())
            .bind("commission", changed.commissionRate().value())
            .bind("payoutsEnabled", changed.payoutsEnabled())
            .bind("autoApprove", changed.autoApprovesProducts())
            .bind("version", changed.version());
        update = changed.statusReason() == null ? update.bindNull("reason", String.class)
                : update.bind("reason", changed.statusReason());
        update = changed.payoutsReleaseReason() == null ? update.bindNull("releaseReason", String.class)
                : update.bind("releaseReason", changed.payoutsReleaseReason());
        update = changed.payoutAccount() == null ? update.bindNull("account", String.class)
                : update.bind("account", changed.payoutAccount().value());
        return update.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    @Override
    public Mono<List<VendorAccount>> list(@Nullable VendorStatus status, @Nullable VendorId after, int limit) {
        DatabaseClient.GenericExecuteSpec query = database.sql("SELECT " + COLUMNS + """
                FROM vendors
                WHERE (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:after AS uuid) IS NULL OR id > :after)
                ORDER BY id LIMIT :limit
                """).bind("limit", limit);
        query = status == null ? query.bindNull("status", String.class) : query.bind("status", status.name());
        query = after == null ? query.bindNull("after", UUID.class) : query.bind("after", after.value());
        return query.map(R2dbcVendorAccounts::account).all().collectList();
    }

    private static VendorAccount account(Readable row) {
        String country = row.get("country", String.class);
        String currency = row.get("default_currency", String.class);
        String account = row.get("stripe_account_id", String.class);
        return new VendorAccount(new VendorId(row.get("id", UUID.class)), row.get("name", String.class),
                row.get("email", String.class), country == null ? null : CountryCode.of(country),
                currency == null ? null : Currency.getInstance(currency),
                VendorStatus.valueOf(row.get("status", String.class)), row.get("status_reason", String.class),
                BasisPoints.of(row.get("commission_bps", Integer.class)),
                account == null ? null : new ConnectedAccountId(account),
                Boolean.TRUE.equals(row.get("payouts_enabled", Boolean.class)),
                Boolean.TRUE.equals(row.get("auto_approve_products", Boolean.class)),
                row.get("payouts_release_reason", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(), row.get("version", Long.class));
    }

}
