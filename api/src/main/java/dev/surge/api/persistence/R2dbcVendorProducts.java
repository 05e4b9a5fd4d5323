package dev.surge.api.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.ProductContent;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.ProductStatus;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.TaxClass;
import dev.surge.checkout.domain.VariantContent;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorProduct;
import dev.surge.checkout.port.SkusTaken;
import dev.surge.checkout.port.VendorProducts;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vendors' products in the catalog's own tables: the product row holds its moderation
 * state and the content on sale (or the draft), variants, prices and stock of record hold
 * the rest; a pending change is kept as JSON on the product until it is approved.
 */
public final class R2dbcVendorProducts implements VendorProducts {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    /**
     * A product as its vendor edits it; a variant sold beyond its count (on hand below
     * zero in the stock of record) reads as none on hand here, and shows as oversold in
     * health.
     */
    private static final String SELECT = """
            SELECT p.id, p.vendor_id, p.name, p.description, p.category, p.tax_class, p.attributes::text AS attributes,
                   p.status, p.pending_change::text AS pending_change, p.status_reason, p.submitted_at, p.updated_at,
                   p.version,
                   (SELECT coalesce(json_agg(json_build_array(v.sku, v.name, greatest(coalesce(s.on_hand, 0), 0),
                               (SELECT coalesce(json_agg(json_build_array(pr.amount_minor, pr.currency)
                                                         ORDER BY pr.currency), '[]')
                                FROM prices pr WHERE pr.sku = v.sku))
                           ORDER BY v.position, v.sku), '[]')::text
                    FROM variants v LEFT JOIN stock_levels s ON s.sku = v.sku
                    WHERE v.product_id = p.id AND NOT v.archived) AS variants
            FROM products p
            """;

    private static final String INSERT = """
            INSERT INTO products (id, vendor_id, name, description, category, tax_class, attributes, status,
                                  pending_change, status_reason, submitted_at, created_at, updated_at, version)
            VALUES (:id, :vendor, :name, :description, :category, :taxClass, CAST(:attributes AS jsonb), :status,
                    CAST(:pending AS jsonb), :reason, :submittedAt, :updatedAt, :updatedAt, :version)
            """;

    private static final String UPDATE = """
            UPDATE products SET name = :name, description = :description, category = :category,
                                tax_class = :taxClass, attributes = CAST(:attributes AS jsonb), status = :status,
                                pending_change = CAST(:pending AS jsonb), status_reason = :reason,
                                submitted_at = :submittedAt, updated_at = :updatedAt, version = :version
            WHERE id = :id AND version = :version - 1
            """;

    /**
     * The content's variants, in order; the product's others archived. A SKU of another
     * product is left alone (and missing from what the statement returns).
     */
    private static final String VARIANTS = """
            WITH archived AS (
                UPDATE variants SET archived = true WHERE product_id = :id AND NOT (sku = ANY(:sku::text[]))
            )
            INSERT INTO variants (sku, product_id, name, tax_class, position, archived)
            SELECT v.sku, :id, v.name, :taxClass, v.position - 1, false
            FROM unnest(:sku::text[], :variantName::text[]) WITH ORDINALITY AS v(sku, name, position)
            ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, tax_class = EXCLUDED.tax_class,
                                            position = EXCLUDED.position, archived = false
                WHERE variants.product_id = EXCLUDED.product_id
            RETURNING sku
            """;

    /**
     * The prices of the given SKUs become exactly the given ones; stock of record is
     * created for SKUs that have none (never changed here for the others).
     */
    private static final String PRICES_AND_STOCK = """
            WITH removed AS (
                DELETE FROM prices pr
                WHERE pr.sku = ANY(:sku::text[])
                  AND NOT EXISTS (SELECT 1 FROM unnest(:priceSku::text[], :priceCurrency::text[]) AS x(sku, currency)
                                  WHERE x.sku = pr.sku AND x.currency = pr.currency)
            ), priced AS (
                INSERT INTO prices (sku, currency, amount_minor)
                SELECT sku, currency, amount
                FROM unnest(:priceSku::text[], :priceCurrency::text[], :priceAmount::bigint[]) AS x(sku, currency, amount)
                ON CONFLICT (sku, currency) DO UPDATE SET amount_minor = EXCLUDED.amount_minor
            )
            INSERT INTO stock_levels (sku, on_hand)
            SELECT sku, on_hand FROM unnest(:sku::text[], :onHand::int[]) AS s(sku, on_hand)
            ON CONFLICT (sku) DO NOTHING
            """;

    private static final String SET_PRICES = """
            WITH owned AS (
                SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id
                WHERE v.sku = :sku AND p.vendor_id = :vendor AND NOT v.archived
            ), removed AS (
                DELETE FROM prices WHERE sku IN (SELECT sku FROM owned) AND NOT (currency = ANY(:currency::text[]))
            ), priced AS (
                INSERT INTO prices (sku, currency, amount_minor)
                SELECT o.sku, x.currency, x.amount
                FROM owned o, unnest(:currency::text[], :amount::bigint[]) AS x(currency, amount)
                ON CONFLICT (sku, currency) DO UPDATE SET amount_minor = EXCLUDED.amount_minor
            )
            SELECT count(*) AS owned FROM owned
            """;

    private final DatabaseClient database;

    private final JsonMapper json;

    public R2dbcVendorProducts(DatabaseClient database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    @Override
    public Mono<VendorProduct> find(ProductId id) {
        return database.sql(SELECT + " WHERE p.id = :id").bind("id", id.value()).map(this::product).one();
    }

    @Override
    public Mono<List<Sku>> takenElsewhere(ProductId product, Collection<Sku> skus) {
        return database.sql("SELECT sku FROM variants WHERE sku = ANY(:sku::text[]) AND product_id <> :id")
            .bind("sku", skus.stream().map(Sku::value).toArray(String[]::new))
            .bind("id", product.value())
            .map(row -> Sku.of(row.get("sku", String.class)))
            .all()
            .collectList();
    }

    @Override
    public Mono<Boolean> categoryExists(String category) {
        return categoryExists(database, category);
    }

    /** Whether products may be filed under {@code category} (the categories table). */
    static Mono<Boolean> categoryExists(DatabaseClient database, String category) {
        return database.sql("SELECT EXISTS (SELECT 1 FROM categories WHERE slug = :category) AS known")
            .bind("category", category)
            .map(row -> Boolean.TRUE.equals(row.get("known", Boolean.class)))
            .one();
    }

    @Override
    public Mono<Void> create(VendorProduct product) {
        return bindProduct(database.sql(INSERT), product).bind("vendor", product.vendor().value())
            .fetch()
            .rowsUpdated()
            .then(writeContent(product));
    }

    @Override
    public Mono<Boolean> record(VendorProduct changed) {
        return bindProduct(database.sql(UPDATE), changed).fetch()
            .rowsUpdated()
            .flatMap(rows -> rows == 1 ? writeContent(changed).thenReturn(true) : Mono.just(false));
    }

    @Override
    public Mono<Boolean> setPrices(VendorId vendor, Sku sku, List<Money> prices) {
        return database.sql(SET_PRICES)
            .bind("sku", sku.value())
            .bind("vendor", vendor.value())
            .bind("currency", prices.stream().map(price -> price.currency().getCurrencyCode()).toArray(String[]::new))
            .bind("amount", prices.stream().map(Money::minor).toArray(Long[]::new))
            .map(row -> row.get("owned", Long.class))
            .one()
            .map(owned -> owned > 0);
    }

    @Override
    public Mono<List<VendorProduct>> list(VendorId vendor, @Nullable ProductStatus status, @Nullable ProductId after,
            int limit) {
        DatabaseClient.GenericExecuteSpec query = database.sql(SELECT + """
                WHERE p.vendor_id = :vendor AND (CAST(:status AS text) IS NULL OR p.status = :status)
                  AND (CAST(:after AS uuid) IS NULL OR p.id > :after)
                ORDER BY p.id LIMIT :limit
                """).bind("vendor", vendor.value()).bind("limit", limit);
        query = status == null ? query.bindNull("status", String.class) : query.bind("status", status.name());
        query = after == null ? query.bindNull("after", UUID.class) : query.bind("after", after.value());
        return query.map(this::product).all().collectList();
    }

    @Override
    public Mono<List<VendorProduct>> awaitingReview(@Nullable VendorId vendor, @Nullable QueuePosition after,
            int limit) {
        DatabaseClient.GenericExecuteSpec query = database.sql(SELECT + """
                WHERE (p.status = 'PENDING_APPROVAL' OR p.pending_change IS NOT NULL)
                  AND (CAST(:vendor AS uuid) IS NULL OR p.vendor_id = :vendor)
                  AND (CAST(:afterAt AS timestamptz) IS NULL OR (p.submitted_at, p.id) > (:afterAt, :afterId))
                ORDER BY p.submitted_at, p.id LIMIT :limit
                """).bind("limit", limit);
        query = vendor == null ? query.bindNull("vendor", UUID.class) : query.bind("vendor", vendor.value());
        if (after == null) {
            query = query.bindNull("afterAt", OffsetDateTime.class).bindNull("afterId", UUID.class);
        }
        else {
            query = query.bind("afterAt", after.submittedAt().atOffset(ZoneOffset.UTC))
                .bind("afterId", after.product().value());
        }
        return query.map(this::product).all().collectList();
    }

    private Mono<Void> writeContent(VendorProduct product) {
        ProductContent content = product.content();
        String[] skus = content.variants().stream().map(variant -> variant.sku().value()).toArray(String[]::new);
        List<String> priceSku = new ArrayList<>();
        List<String> priceCurrency = new ArrayList<>();
        List<Long> priceAmount = new ArrayList<>();
        for (VariantContent variant : content.variants()) {
            for (Money price : variant.prices()) {
                priceSku.add(variant.sku().value());
                priceCurrency.add(price.currency().getCurrencyCode());
                priceAmount.add(price.minor());
            }
        }
        Mono<List<String>> variants = database.sql(VARIANTS)
            .bind("id", product.id().value())
            .bind("taxClass", content.taxClass().name())
            .bind("sku", skus)
            .bind("variantName", content.variants().stream().map(VariantContent::name).toArray(String[]::new))
            .map(row -> row.get("sku", String.class))
            .all()
            .collectList();
        return variants.flatMap(written -> {
            if (written.size() < skus.length) {
                List<Sku> taken = content.variants()
                    .stream()
                    .map(VariantContent::sku)
                    .filter(sku -> !written.contains(sku.value()))
                    .toList();
                return Mono.error(new SkusTaken(taken));
            }
            return database.sql(PRICES_AND_STOCK)
                .bind("sku", skus)
                .bind("onHand", content.variants().stream().map(VariantContent::onHand).toArray(Integer[]::new))
                .bind("priceSku", priceSku.toArray(String[]::new))
                .bind("priceCurrency", priceCurrency.toArray(String[]::new))
                .bind("priceAmount", priceAmount.toArray(Long[]::new))
                .fetch()
                .rowsUpdated()
                .then();
        });
    }

    private DatabaseClient.GenericExecuteSpec bindProduct(DatabaseClient.GenericExecuteSpec statement,
            VendorProduct product) {
        ProductContent content = product.content();
        statement = statement.bind("id", product.id().value())
            .bind("name", content.name())
            .bind("description", content.description())
            .bind("category", content.category())
            .bind("taxClass", content.taxClass().name())
            .bind("attributes", json.writeValueAsString(content.attributes()))
            .bind("status", product.status().name())
            .bind("updatedAt", product.updatedAt().atOffset(ZoneOffset.UTC))
            .bind("version", product.version());
        statement = product.pendingChange() == null ? statement.bindNull("pending", String.class)
                : statement.bind("pending", json.writeValueAsString(stored(product.pendingChange())));
        statement = product.statusReason() == null ? statement.bindNull("reason", String.class)
                : statement.bind("reason", product.statusReason());
        return product.submittedAt() == null ? statement.bindNull("submittedAt", OffsetDateTime.class)
                : statement.bind("submittedAt", product.submittedAt().atOffset(ZoneOffset.UTC));
    }

    private VendorProduct product(Readable row) {
        List<VariantContent> variants = new ArrayList<>();
        for (JsonNode variant : json.readTree(row.get("variants", String.class))) {
            List<Money> prices = new ArrayList<>();
            for (JsonNode price : variant.get(3)) {
                prices.add(Money.of(price.get(0).asLong(), Currency.getInstance(price.get(1).asString())));
            }
            variants.add(new VariantContent(Sku.of(variant.get(0).asString()), variant.get(1).asString(), prices,
                    variant.get(2).asInt()));
        }
        ProductContent content = new ProductContent(row.get("name", String.class), row.get("description", String.class),
                row.get("category", String.class), TaxClass.valueOf(row.get("tax_class", String.class)),
                json.readValue(row.get("attributes", String.class), ATTRIBUTES), variants);
        String pending = row.get("pending_change", String.class);
        OffsetDateTime submitted = row.get("submitted_at", OffsetDateTime.class);
        return new VendorProduct(new ProductId(row.get("id", UUID.class)),
                new VendorId(row.get("vendor_id", UUID.class)), ProductStatus.valueOf(row.get("status", String.class)),
                content, pending == null ? null : content(json.readTree(pending)),
                row.get("status_reason", String.class), submitted == null ? null : submitted.toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant(), row.get("version", Long.class));
    }

    /**
     * A pending change as JSON: the content's fields, variants with prices and counts.
     */
    private static Map<String, Object> stored(ProductContent content) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("name", content.name());
        stored.put("description", content.description());
        stored.put("category", content.category());
        stored.put("taxClass", content.taxClass().name());
        stored.put("attributes", content.attributes());
        stored.put("variants", content.variants()
            .stream()
            .map(variant -> Map.of("sku", variant.sku().value(), "name", variant.name(), "onHand", variant.onHand(),
                    "prices",
                    variant.prices()
                        .stream()
                        .map(price -> Map.of("amount", price.minor(), "currency", price.currency().getCurrencyCode()))
                        .toList()))
            .toList());
        return stored;
    }

    private ProductContent content(JsonNode stored) {
        List<VariantContent> variants = new ArrayList<>();
        for (JsonNode variant : stored.get("variants")) {
            List<Money> prices = new ArrayList<>();
            for (JsonNode price : variant.get("prices")) {
                prices.add(
                        Money.of(price.get("amount").asLong(), Currency.getInstance(price.get("currency").asString())));
            }
            variants.add(new VariantContent(Sku.of(variant.get("sku").asString()), variant.get("name").asString(),
                    prices, variant.get("onHand").asInt()));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        stored.get("attributes")
            .properties()
            .forEach(entry -> attributes.put(entry.getKey(), entry.getValue().asString()));
        return new ProductContent(stored.get("name").asString(), stored.get("description").asString(),
                stored.get("category").asString(), TaxClass.valueOf(stored.get("taxClass").asString()), attributes,
                variants);
    }

}
