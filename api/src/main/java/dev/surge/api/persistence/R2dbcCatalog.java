package dev.surge.api.persistence;

import dev.surge.checkout.domain.ApprovalStatus;
import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Product;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.TaxClass;
import dev.surge.checkout.domain.Variant;
import dev.surge.checkout.domain.Vendor;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.Catalog;
import dev.surge.checkout.port.CatalogPage;
import dev.surge.checkout.port.ListedProduct;
import dev.surge.checkout.port.ProductCursor;
import dev.surge.checkout.port.ProductQuery;
import io.r2dbc.spi.Readable;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The catalog read from PostgreSQL in two round trips per request whatever the page size:
 * the page of products (with their vendors), then all their variants with prices in the
 * asked currency.
 */
public class R2dbcCatalog implements Catalog {

    /**
     * Listed = approved product of an approved vendor with at least one variant priced in
     * the currency.
     */
    private static final String LISTED_PRODUCTS = """
            SELECT p.id, p.vendor_id, p.name, p.description, p.category, p.status,
                   v.name AS vendor_name, v.status AS vendor_status, v.commission_bps
            FROM products p
            JOIN vendors v ON v.id = p.vendor_id
            WHERE p.status = 'APPROVED' AND v.status = 'APPROVED'
              AND EXISTS (SELECT 1 FROM variants va JOIN prices pr ON pr.sku = va.sku
                          WHERE va.product_id = p.id AND pr.currency = :currency)
            """;

    private static final String VARIANTS_WITH_PRICES = """
            SELECT va.product_id, va.sku, va.name, va.tax_class, pr.amount_minor
            FROM variants va
            LEFT JOIN prices pr ON pr.sku = va.sku AND pr.currency = :currency
            WHERE va.product_id = ANY(:productIds)
            ORDER BY va.product_id, va.position, va.sku
            """;

    private final DatabaseClient database;

    public R2dbcCatalog(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<CatalogPage> search(ProductQuery query) {
        StringBuilder sql = new StringBuilder(LISTED_PRODUCTS);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("currency", query.currency().getCurrencyCode());
        query.text().ifPresent(text -> {
            sql.append(" AND (p.name ILIKE :text OR p.description ILIKE :text OR p.category ILIKE :text)");
            parameters.put("text", "%" + escapeLike(text) + "%");
        });
        query.vendorId().ifPresent(vendorId -> {
            sql.append(" AND p.vendor_id = :vendorId");
            parameters.put("vendorId", vendorId.value());
        });
        query.category().ifPresent(category -> {
            sql.append(" AND lower(p.category) = lower(:category)");
            parameters.put("category", category);
        });
        query.after().ifPresent(after -> {
            sql.append(" AND (p.name, p.id) > (:afterName, :afterId)");
            parameters.put("afterName", after.name());
            parameters.put("afterId", after.id().value());
        });
        // One row more than asked tells whether another page follows without a count
        // query.
        sql.append(" ORDER BY p.name, p.id LIMIT :limit");
        parameters.put("limit", query.limit() + 1);

        return products(sql.toString(), parameters, query.currency()).map(listed -> page(listed, query.limit()));
    }

    @Override
    public Mono<ListedProduct> find(ProductId id, Currency currency) {
        return products(LISTED_PRODUCTS + " AND p.id = :id",
                Map.of("currency", currency.getCurrencyCode(), "id", id.value()), currency)
            .flatMap(listed -> Mono.justOrEmpty(listed.stream().findFirst()));
    }

    private Mono<List<ListedProduct>> products(String sql, Map<String, Object> parameters, Currency currency) {
        return database.sql(sql)
            .bindValues(parameters)
            .map(ProductRow::read)
            .all()
            .collectList()
            .flatMap(rows -> rows.isEmpty() ? Mono.just(List.of()) : withVariants(rows, currency));
    }

    private Mono<List<ListedProduct>> withVariants(List<ProductRow> rows, Currency currency) {
        UUID[] productIds = rows.stream().map(ProductRow::id).toArray(UUID[]::new);
        return database.sql(VARIANTS_WITH_PRICES)
            .bind("currency", currency.getCurrencyCode())
            .bind("productIds", productIds)
            .map(row -> VariantRow.read(row, currency))
            .all()
            .collectMultimap(VariantRow::productId)
            .map(variantsByProduct -> rows.stream()
                .map(row -> row.toListing(List.copyOf(variantsByProduct.getOrDefault(row.id(), List.of()))))
                .toList());
    }

    private static CatalogPage page(List<ListedProduct> listed, int limit) {
        if (listed.size() <= limit) {
            return new CatalogPage(listed, Optional.empty());
        }
        List<ListedProduct> page = listed.subList(0, limit);
        Product last = page.getLast().product();
        return new CatalogPage(page, Optional.of(new ProductCursor(last.name(), last.id())));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record ProductRow(UUID id, UUID vendorId, String name, String description, String category, String status,
            String vendorName, String vendorStatus, int commissionBps) {

        static ProductRow read(Readable row) {
            return new ProductRow(row.get("id", UUID.class), row.get("vendor_id", UUID.class),
                    row.get("name", String.class), row.get("description", String.class),
                    row.get("category", String.class), row.get("status", String.class),
                    row.get("vendor_name", String.class), row.get("vendor_status", String.class),
                    row.get("commission_bps", Integer.class));
        }

        ListedProduct toListing(List<VariantRow> variants) {
            var vendor = new Vendor(new VendorId(vendorId), vendorName, ApprovalStatus.valueOf(vendorStatus),
                    BasisPoints.of(commissionBps));
            var product = new Product(new ProductId(id), vendor.id(), name, description, category,
                    ApprovalStatus.valueOf(status), variants.stream().map(VariantRow::variant).toList());
            Map<Sku, Money> prices = new LinkedHashMap<>();
            variants.forEach(variant -> variant.price().ifPresent(price -> prices.put(variant.variant().sku(), price)));
            return new ListedProduct(product, vendor, prices);
        }
    }

    private record VariantRow(UUID productId, Variant variant, Optional<Money> price) {

        static VariantRow read(Readable row, Currency currency) {
            Long amount = row.get("amount_minor", Long.class);
            return new VariantRow(row.get("product_id", UUID.class),
                    new Variant(Sku.of(row.get("sku", String.class)), row.get("name", String.class),
                            TaxClass.valueOf(row.get("tax_class", String.class))),
                    Optional.ofNullable(amount).map(minor -> Money.of(minor, currency)));
        }
    }

}
