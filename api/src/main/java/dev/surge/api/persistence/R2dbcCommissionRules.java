package dev.surge.api.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.CommissionRule;
import dev.surge.checkout.domain.CommissionRules;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.CommissionRuleBook;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Commission rules in PostgreSQL; fixed and minimum amounts as JSON arrays of Money. */
public final class R2dbcCommissionRules implements CommissionRuleBook {

    private static final String SELECT = """
            SELECT id, vendor_id, category, rate_bps,
                   (SELECT coalesce(array_agg(x.amount || ' ' || x.currency), '{}')
                    FROM jsonb_to_recordset(fixed) AS x(amount bigint, currency text)) AS fixed,
                   (SELECT coalesce(array_agg(x.amount || ' ' || x.currency), '{}')
                    FROM jsonb_to_recordset(minimum) AS x(amount bigint, currency text)) AS minimum,
                   effective_from, ends_at
            FROM commission_rules
            """;

    private final DatabaseClient database;

    public R2dbcCommissionRules(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Every rule, read on {@code database} (the catalog reads them in its own snapshot).
     */
    static Mono<List<CommissionRule>> all(DatabaseClient database) {
        return database.sql(SELECT).map(R2dbcCommissionRules::rule).all().collectList();
    }

    @Override
    public Mono<CommissionRules> all() {
        return all(database).map(CommissionRules::new);
    }

    @Override
    public Mono<CommissionRules> allForChange() {
        return database.sql("LOCK TABLE commission_rules IN SHARE ROW EXCLUSIVE MODE")
            .fetch()
            .rowsUpdated()
            .then(all());
    }

    @Override
    public Mono<Void> add(CommissionRule rule) {
        DatabaseClient.GenericExecuteSpec insert = database
            .sql("""
                    INSERT INTO commission_rules (id, vendor_id, category, rate_bps, fixed, minimum, effective_from, ends_at)
                    VALUES (:id, :vendor, :category, :rate, CAST(:fixed AS jsonb), CAST(:minimum AS jsonb), :from, :endsAt)
                    """)
            .bind("id", rule.id())
            .bind("rate", rule.rate().value())
            .bind("fixed", json(rule.fixed()))
            .bind("minimum", json(rule.minimum()))
            .bind("from", rule.effectiveFrom().atOffset(ZoneOffset.UTC));
        insert = rule.vendor() == null ? insert.bindNull("vendor", UUID.class)
                : insert.bind("vendor", rule.vendor().value());
        insert = rule.category() == null ? insert.bindNull("category", String.class)
                : insert.bind("category", rule.category());
        insert = rule.endsAt() == null ? insert.bindNull("endsAt", OffsetDateTime.class)
                : insert.bind("endsAt", rule.endsAt().atOffset(ZoneOffset.UTC));
        return insert.fetch().rowsUpdated().then();
    }

    @Override
    public Mono<Void> end(UUID rule, Instant at) {
        return database
            .sql("UPDATE commission_rules SET ends_at = GREATEST(:at, effective_from) "
                    + "WHERE id = :id AND (ends_at IS NULL OR ends_at > GREATEST(:at, effective_from))")
            .bind("id", rule)
            .bind("at", at.atOffset(ZoneOffset.UTC))
            .fetch()
            .rowsUpdated()
            .then();
    }

    @Override
    public Mono<Boolean> vendorExists(VendorId vendor) {
        return database.sql("SELECT EXISTS (SELECT 1 FROM vendors WHERE id = :id) AS known")
            .bind("id", vendor.value())
            .map(row -> Boolean.TRUE.equals(row.get("known", Boolean.class)))
            .one();
    }

    @Override
    public Mono<Boolean> categoryExists(String category) {
        return R2dbcVendorProducts.categoryExists(database, category);
    }

    private static String json(List<Money> amounts) {
        List<String> items = new ArrayList<>();
        for (Money amount : amounts) {
            items.add(
                    "{\"amount\":" + amount.minor() + ",\"currency\":\"" + amount.currency().getCurrencyCode() + "\"}");
        }
        return "[" + String.join(",", items) + "]";
    }

    private static CommissionRule rule(Readable row) {
        UUID vendor = row.get("vendor_id", UUID.class);
        OffsetDateTime endsAt = row.get("ends_at", OffsetDateTime.class);
        return new CommissionRule(row.get("id", UUID.class), vendor == null ? null : new VendorId(vendor),
                row.get("category", String.class), BasisPoints.of(row.get("rate_bps", Integer.class)),
                amounts(row.get("fixed", String[].class)), amounts(row.get("minimum", String[].class)),
                row.get("effective_from", OffsetDateTime.class).toInstant(),
                endsAt == null ? null : endsAt.toInstant());
    }

    private static List<Money> amounts(String[] stored) {
        List<Money> amounts = new ArrayList<>();
        for (String amount : stored) {
            String[] parts = amount.split(" ");
            amounts.add(Money.of(Long.parseLong(parts[0]), Currency.getInstance(parts[1])));
        }
        return amounts;
    }

}
