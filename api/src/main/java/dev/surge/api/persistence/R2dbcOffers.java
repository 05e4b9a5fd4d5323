package dev.surge.api.persistence;

import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Offer;
import dev.surge.checkout.domain.PricingRules;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.TaxClass;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.Offers;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Offers and pricing rules from the catalog of record in PostgreSQL, one query each. */
public class R2dbcOffers implements Offers {

    private static final String OFFERS = """
            SELECT v.sku, v.name AS variant_name, v.tax_class, p.id AS product_id, p.name AS product_name,
                   p.vendor_id, pr.amount_minor
            FROM variants v
            JOIN products p ON p.id = v.product_id
            JOIN vendors ve ON ve.id = p.vendor_id
            JOIN prices pr ON pr.sku = v.sku AND pr.currency = :currency
            WHERE v.sku = ANY(:skus) AND p.status = 'APPROVED' AND ve.status = 'APPROVED'
            """;

    private final DatabaseClient database;

    public R2dbcOffers(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<Map<Sku, Offer>> offers(Collection<Sku> skus, Currency currency) {
        if (skus.isEmpty()) {
            return Mono.just(Map.of());
        }
        return database.sql(OFFERS)
            .bind("currency", currency.getCurrencyCode())
            .bind("skus", skus.stream().map(Sku::value).toArray(String[]::new))
            .map(row -> offer(row, currency))
            .all()
            .collectMap(Offer::sku, offer -> offer);
    }

    @Override
    public Mono<PricingRules> rules(Currency currency, CountryCode country, Collection<VendorId> vendors) {
        Mono<Map<TaxClass, BasisPoints>> taxRates = database
            .sql("SELECT tax_class, rate_bps FROM tax_rates WHERE country = :country")
            .bind("country", country.value())
            .map(row -> Map.entry(TaxClass.valueOf(row.get("tax_class", String.class)),
                    BasisPoints.of(row.get("rate_bps", Integer.class))))
            .all()
            .collectMap(Map.Entry::getKey, Map.Entry::getValue, () -> new EnumMap<>(TaxClass.class));
        Mono<Map<VendorId, Money>> shipping = vendors.isEmpty() ? Mono.just(Map.of())
                : database
                    .sql("SELECT vendor_id, amount_minor FROM shipping_rates "
                            + "WHERE currency = :currency AND vendor_id = ANY(:vendors)")
                    .bind("currency", currency.getCurrencyCode())
                    .bind("vendors", vendors.stream().map(VendorId::value).toArray(UUID[]::new))
                    .map(row -> Map.entry(new VendorId(row.get("vendor_id", UUID.class)),
                            Money.of(row.get("amount_minor", Long.class), currency)))
                    .all()
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
        return Mono.zip(taxRates, shipping)
            .map(both -> new PricingRules(currency, country, both.getT1(), both.getT2()));
    }

    @Override
    public Mono<Boolean> shipsTo(CountryCode country) {
        return database.sql("SELECT EXISTS (SELECT 1 FROM tax_rates WHERE country = :country)")
            .bind("country", country.value())
            .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
            .one();
    }

    private static Offer offer(Readable row, Currency currency) {
        String product = row.get("product_name", String.class);
        String variant = row.get("variant_name", String.class);
        return new Offer(Sku.of(row.get("sku", String.class)), new ProductId(row.get("product_id", UUID.class)),
                new VendorId(row.get("vendor_id", UUID.class)),
                variant.equals(product) ? product : product + " - " + variant,
                TaxClass.valueOf(row.get("tax_class", String.class)),
                Money.of(row.get("amount_minor", Long.class), currency));
    }

}
