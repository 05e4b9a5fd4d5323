package dev.surge.api.persistence;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.surge.checkout.domain.ProductStatus;
import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.CommissionRules;
import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Product;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.TaxClass;
import dev.surge.checkout.domain.Variant;
import dev.surge.checkout.domain.Vendor;
import dev.surge.checkout.domain.VendorStatus;
import dev.surge.checkout.domain.VendorId;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Mono;

/**
 * Reads the whole catalog of record in one read-only, repeatable-read transaction (seven
 * queries on one connection), so a snapshot never mixes a price from before a change with
 * a product from after it.
 */
public final class CatalogSnapshotLoader {

    private static final String VARIANTS = """
            SELECT product_id, sku, name, tax_class FROM variants WHERE NOT archived ORDER BY product_id, position, sku
            """;

    private final DatabaseClient database;

    private final TransactionalOperator consistentRead;

    private final boolean sellWithoutPayouts;

    /**
     * @param sellWithoutPayouts whether approved vendors sell before their payout account
     * is enabled (their shares then wait for it)
     */
    public CatalogSnapshotLoader(DatabaseClient database, ReactiveTransactionManager transactions,
            boolean sellWithoutPayouts) {
        this.sellWithoutPayouts = sellWithoutPayouts;
        this.database = database;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        definition.setReadOnly(true);
        this.consistentRead = TransactionalOperator.create(transactions, definition);
    }

    /** The changes counted: none until the sequence's first value is taken. */
    private static final String CHANGES = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM catalog_changes";

    /** Emits the catalog as of one instant. */
    public Mono<CatalogSnapshot> load() {
        Mono<CatalogSnapshot> read = database.sql("SELECT now() AS at, (" + CHANGES + ") AS changes")
            .map(row -> Map.entry(row.get("at", OffsetDateTime.class), row.get("changes", Long.class)))
            .one()
            .flatMap(start -> Mono
                .zip(vendors(), products(), prices(), taxRates(), shipping(), commissionRules(), perBuyerLimits())
                .map(all -> new CatalogSnapshot(all.getT1(), all.getT2(), all.getT3(), all.getT4(), all.getT5(),
                        all.getT6(), all.getT7(), start.getKey().toInstant(), start.getValue())));
        return read.as(consistentRead::transactional);
    }

    /** Emits how many catalog changes have been counted so far. */
    public Mono<Long> changes() {
        return database.sql(CHANGES).map(row -> row.get(0, Long.class)).one();
    }

    private Mono<List<CatalogSnapshot.VendorRecord>> vendors() {
        return database
            .sql("SELECT id, name, status, commission_bps, stripe_account_id, payouts_enabled, "
                    + "payouts_release_reason IS NOT NULL AS payouts_released FROM vendors")
            .map(row -> {
                String account = row.get("stripe_account_id", String.class);
                Vendor vendor = new Vendor(new VendorId(row.get("id", UUID.class)), row.get("name", String.class),
                        VendorStatus.valueOf(row.get("status", String.class)),
                        BasisPoints.of(row.get("commission_bps", Integer.class)));
                boolean payoutsEnabled = Boolean.TRUE.equals(row.get("payouts_enabled", Boolean.class));
                return new CatalogSnapshot.VendorRecord(vendor,
                        account == null ? null : new ConnectedAccountId(account), payoutsEnabled,
                        vendor.canSell() && (payoutsEnabled || sellWithoutPayouts),
                        Boolean.TRUE.equals(row.get("payouts_released", Boolean.class)));
            })
            .all()
            .collectList();
    }

    private Mono<List<Product>> products() {
        Mono<Map<UUID, List<Variant>>> variants = database.sql(VARIANTS)
            .map(row -> Map.entry(row.get("product_id", UUID.class),
                    new Variant(Sku.of(row.get("sku", String.class)), row.get("name", String.class),
                            TaxClass.valueOf(row.get("tax_class", String.class)))))
            .all()
            .collect(HashMap::new,
                    (byProduct, entry) -> byProduct.computeIfAbsent(entry.getKey(), product -> new ArrayList<>())
                        .add(entry.getValue()));
        return variants.flatMap(
                // Only products on sale (approved, with a variant left) are served.
                byProduct -> database
                    .sql("SELECT id, vendor_id, name, description, category, status FROM products "
                            + "WHERE status = 'APPROVED'")
                    .map(row -> {
                        UUID id = row.get("id", UUID.class);
                        if (!byProduct.containsKey(id)) {
                            return java.util.Optional.<Product>empty();
                        }
                        return java.util.Optional.of(new Product(new ProductId(id),
                                new VendorId(row.get("vendor_id", UUID.class)), row.get("name", String.class),
                                row.get("description", String.class), row.get("category", String.class),
                                ProductStatus.valueOf(row.get("status", String.class)), byProduct.get(id)));
                    })
                    .all()
                    .flatMapIterable(product -> product.stream().toList())
                    .collectList());
    }

    private Mono<Map<Sku, Map<Currency, Money>>> prices() {
        return database.sql("SELECT sku, currency, amount_minor FROM prices").map(row -> {
            Currency currency = Currency.getInstance(row.get("currency", String.class));
            return Map.entry(Sku.of(row.get("sku", String.class)),
                    Money.of(row.get("amount_minor", Long.class), currency));
        })
            .all()
            .collect(HashMap::new, (bySku, entry) -> bySku.computeIfAbsent(entry.getKey(), sku -> new HashMap<>())
                .put(entry.getValue().currency(), entry.getValue()));
    }

    private Mono<Map<CountryCode, Map<TaxClass, BasisPoints>>> taxRates() {
        return database.sql("SELECT country, tax_class, rate_bps FROM tax_rates")
            .map(row -> new TaxRow(CountryCode.of(row.get("country", String.class)),
                    TaxClass.valueOf(row.get("tax_class", String.class)),
                    BasisPoints.of(row.get("rate_bps", Integer.class))))
            .all()
            .collect(HashMap::new,
                    (byCountry, tax) -> byCountry
                        .computeIfAbsent(tax.country(), country -> new EnumMap<>(TaxClass.class))
                        .put(tax.taxClass(), tax.rate()));
    }

    private Mono<Map<VendorId, Map<Currency, Money>>> shipping() {
        return database.sql("SELECT vendor_id, currency, amount_minor FROM shipping_rates")
            .map(row -> Map.entry(new VendorId(row.get("vendor_id", UUID.class)),
                    Money.of(row.get("amount_minor", Long.class),
                            Currency.getInstance(row.get("currency", String.class)))))
            .all()
            .collect(HashMap::new,
                    (byVendor, entry) -> byVendor.computeIfAbsent(entry.getKey(), vendor -> new HashMap<>())
                        .put(entry.getValue().currency(), entry.getValue()));
    }

    /** The SKUs' per-buyer limits, which bound a cart's line. */
    private Mono<Map<Sku, Integer>> perBuyerLimits() {
        return database.sql("SELECT sku, per_buyer FROM stock_levels WHERE per_buyer IS NOT NULL")
            .map(row -> Map.entry(Sku.of(row.get("sku", String.class)), row.get("per_buyer", Integer.class)))
            .all()
            .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<CommissionRules> commissionRules() {
        return R2dbcCommissionRules.all(database).map(CommissionRules::new);
    }

    private record TaxRow(CountryCode country, TaxClass taxClass, BasisPoints rate) {
    }

}
