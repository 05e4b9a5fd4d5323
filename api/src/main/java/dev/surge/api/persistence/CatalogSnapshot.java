package dev.surge.api.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.surge.checkout.domain.ProductStatus;
import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.CommissionPolicy;
import dev.surge.checkout.domain.CommissionRules;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Offer;
import dev.surge.checkout.domain.PricingRules;
import dev.surge.checkout.domain.Product;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.TaxClass;
import dev.surge.checkout.domain.Variant;
import dev.surge.checkout.domain.Vendor;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorStatus;
import dev.surge.checkout.domain.VendorTerms;
import dev.surge.checkout.port.CatalogPage;
import dev.surge.checkout.port.ListedProduct;
import dev.surge.checkout.port.ProductCursor;
import dev.surge.checkout.port.ProductQuery;
import org.jspecify.annotations.Nullable;

/**
 * The whole catalog of record as one consistent, immutable picture: vendors and their
 * terms, products with their variants, prices per currency, tax rates and shipping rates.
 * Everything a cart is priced from and a catalog page is drawn from, answered without a
 * round trip. Built by {@link CatalogSnapshotLoader} from one read-only transaction.
 */
public final class CatalogSnapshot {

    /**
     * Products are listed by name, then id; ids compare as PostgreSQL compares uuids
     * (unsigned bytes), so a cursor means the same everywhere.
     */
    static final Comparator<Product> BY_NAME_THEN_ID = Comparator.comparing(Product::name)
        .thenComparing(product -> product.id().value(), CatalogSnapshot::compareUnsigned);

    private final Map<VendorId, VendorRecord> vendors;

    private final Map<ProductId, Product> products;

    private final Map<Sku, Product> productOfSku;

    private final Map<Sku, Map<Currency, Money>> prices;

    private final Map<Sku, Integer> perBuyerLimits;

    private final Map<CountryCode, Map<TaxClass, BasisPoints>> taxRates;

    private final Map<VendorId, Map<Currency, Money>> shipping;

    /** Approved products of approved vendors, by name then id. */
    private final List<Searchable> listed;

    private final CommissionRules commissionRules;

    private final Instant loadedAt;

    private final long changes;

    /** A listed product with the lower-cased text a search matches against. */
    private record Searchable(Product product, String text, String category) {

        Searchable(Product product) {
            this(product, String.join("\n", product.name(), product.description(), product.category())
                .toLowerCase(Locale.ROOT), product.category().toLowerCase(Locale.ROOT));
        }

    }

    /**
     * A vendor as the snapshot holds it: the public part, its payout account and whether
     * that account may be paid.
     *
     * @param sells whether its approved products are on sale: it is approved, and its
     * payouts are enabled unless the marketplace lets vendors sell before they are
     * ({@code surge.vendors.sell-without-payouts})
     * @param payoutsReleased whether an operator let it be paid although it is suspended
     */
    record VendorRecord(Vendor vendor, @Nullable ConnectedAccountId account, boolean payoutsEnabled, boolean sells,
            boolean payoutsReleased) {

        /**
         * Its shares wait (still owed) while it is suspended, unless an operator released
         * them, or while its account cannot receive them yet.
         */
        boolean payoutsHeld() {
            return (vendor.status() == VendorStatus.SUSPENDED && !payoutsReleased)
                    || (account != null && !payoutsEnabled);
        }

    }

    CatalogSnapshot(Collection<VendorRecord> vendors, Collection<Product> products,
            Map<Sku, Map<Currency, Money>> prices, Map<CountryCode, Map<TaxClass, BasisPoints>> taxRates,
            Map<VendorId, Map<Currency, Money>> shipping, CommissionRules commissionRules,
            Map<Sku, Integer> perBuyerLimits, Instant loadedAt, long changes) {
        Map<VendorId, VendorRecord> vendorsById = new HashMap<>();
        vendors.forEach(record -> vendorsById.put(record.vendor().id(), record));
        Map<ProductId, Product> productsById = new HashMap<>();
        Map<Sku, Product> bySku = new HashMap<>();
        for (Product product : products) {
            productsById.put(product.id(), product);
            product.variants().forEach(variant -> bySku.put(variant.sku(), product));
        }
        this.vendors = Map.copyOf(vendorsById);
        this.products = Map.copyOf(productsById);
        this.productOfSku = Map.copyOf(bySku);
        this.prices = copyNested(prices);
        this.perBuyerLimits = Map.copyOf(perBuyerLimits);
        this.taxRates = copyNested(taxRates);
        this.shipping = copyNested(shipping);
        this.listed = products.stream()
            .filter(this::approvedWithVendor)
            .sorted(BY_NAME_THEN_ID)
            .map(Searchable::new)
            .toList();
        this.commissionRules = commissionRules;
        this.loadedAt = loadedAt;
        this.changes = changes;
    }

    /**
     * Lines placed at {@code at} are charged the commission the rules in force then
     * decide, by their vendor and their product's category.
     */
    public CommissionPolicy commissions(Instant at) {
        return line -> {
            Product product = products.get(line.productId());
            return commissionRules.commissionOn(line, product == null ? null : product.category(), at);
        };
    }

    /**
     * How many catalog changes had been counted when this picture was read (some may have
     * been still uncommitted, and are then not in it).
     */
    public long changes() {
        return changes;
    }

    /** When the transaction this picture was read in started. */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** How many products are listed in some currency or other. */
    public int listedProducts() {
        return listed.size();
    }

    /**
     * The offers in {@code currency} of those of {@code skus} that are for sale (listed
     * product, approved vendor, priced in the currency).
     */
    public Map<Sku, Offer> offers(Collection<Sku> skus, Currency currency) {
        Map<Sku, Offer> offers = new HashMap<>();
        for (Sku sku : skus) {
            Product product = productOfSku.get(sku);
            Money price = price(sku, currency);
            if (product == null || price == null || !approvedWithVendor(product)) {
                continue;
            }
            Variant variant = product.variants()
                .stream()
                .filter(candidate -> candidate.sku().equals(sku))
                .findFirst()
                .orElseThrow();
            String name = variant.name().equals(product.name()) ? product.name()
                    : product.name() + " - " + variant.name();
            offers.put(sku, new Offer(sku, product.id(), product.vendorId(), name, variant.taxClass(), price,
                    perBuyerLimits.get(sku)));
        }
        return offers;
    }

    /** The tax rates of {@code country} and the shipping fees of {@code vendors}. */
    public PricingRules rules(Currency currency, CountryCode country, Collection<VendorId> vendors) {
        Map<TaxClass, BasisPoints> rates = new EnumMap<>(TaxClass.class);
        rates.putAll(taxRates.getOrDefault(country, Map.of()));
        Map<VendorId, Money> fees = new HashMap<>();
        for (VendorId vendor : vendors) {
            Money fee = shipping.getOrDefault(vendor, Map.of()).get(currency);
            if (fee != null) {
                fees.put(vendor, fee);
            }
        }
        return new PricingRules(currency, country, rates, fees);
    }

    public boolean shipsTo(CountryCode country) {
        return taxRates.containsKey(country);
    }

    /** The terms of those of {@code vendorIds} that exist. */
    public Map<VendorId, VendorTerms> terms(Collection<VendorId> vendorIds) {
        Map<VendorId, VendorTerms> terms = new HashMap<>();
        for (VendorId id : vendorIds) {
            VendorRecord record = vendors.get(id);
            if (record != null) {
                terms.put(id,
                        new VendorTerms(id, record.vendor().commissionRate(), record.account(), record.payoutsHeld()));
            }
        }
        return terms;
    }

    /**
     * The product listed in {@code currency}: approved, of an approved vendor, with a
     * variant priced in the currency.
     */
    public Optional<ListedProduct> find(ProductId id, Currency currency) {
        Product product = products.get(id);
        if (product == null || !approvedWithVendor(product)) {
            return Optional.empty();
        }
        return listing(product, currency);
    }

    /** One page of listed products matching {@code query}, by name then id. */
    public CatalogPage search(ProductQuery query) {
        String text = query.text().map(value -> value.toLowerCase(Locale.ROOT)).orElse(null);
        String category = query.category().map(value -> value.toLowerCase(Locale.ROOT)).orElse(null);
        List<ListedProduct> page = new ArrayList<>(query.limit() + 1);
        for (Searchable candidate : listed) {
            if (page.size() > query.limit()) {
                break;
            }
            Product product = candidate.product();
            if (query.after().isPresent() && !isAfter(product, query.after().get())
                    || query.vendorId().isPresent() && !query.vendorId().get().equals(product.vendorId())
                    || category != null && !candidate.category().equals(category)
                    || text != null && !candidate.text().contains(text)) {
                continue;
            }
            listing(product, query.currency()).ifPresent(page::add);
        }
        if (page.size() <= query.limit()) {
            return new CatalogPage(page, Optional.empty());
        }
        List<ListedProduct> shown = page.subList(0, query.limit());
        Product last = shown.getLast().product();
        return new CatalogPage(shown, Optional.of(new ProductCursor(last.name(), last.id())));
    }

    private Optional<ListedProduct> listing(Product product, Currency currency) {
        Map<Sku, Money> priced = new LinkedHashMap<>();
        for (Variant variant : product.variants()) {
            Money price = price(variant.sku(), currency);
            if (price != null) {
                priced.put(variant.sku(), price);
            }
        }
        if (priced.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ListedProduct(product, vendors.get(product.vendorId()).vendor(), priced));
    }

    private @Nullable Money price(Sku sku, Currency currency) {
        return prices.getOrDefault(sku, Map.of()).get(currency);
    }

    private boolean approvedWithVendor(Product product) {
        VendorRecord vendor = vendors.get(product.vendorId());
        return product.status() == ProductStatus.APPROVED && vendor != null && vendor.sells();
    }

    private static boolean isAfter(Product product, ProductCursor cursor) {
        int byName = product.name().compareTo(cursor.name());
        return byName > 0 || byName == 0 && compareUnsigned(product.id().value(), cursor.id().value()) > 0;
    }

    private static int compareUnsigned(UUID left, UUID right) {
        int high = Long.compareUnsigned(left.getMostSignificantBits(), right.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(left.getLeastSignificantBits(), right.getLeastSignificantBits());
    }

    private static <K, I, V> Map<K, Map<I, V>> copyNested(Map<K, Map<I, V>> nested) {
        Map<K, Map<I, V>> copy = new HashMap<>();
        nested.forEach((key, inner) -> copy.put(key, Map.copyOf(inner)));
        return Map.copyOf(copy);
    }

}
