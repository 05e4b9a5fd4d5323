package dev.surge.checkout.application;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.ProductContent;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.VariantContent;
import dev.surge.checkout.domain.VendorProduct;
import dev.surge.checkout.port.AuditLog;
import dev.surge.checkout.port.ConcurrentVendorUpdate;
import dev.surge.checkout.port.Offers;
import dev.surge.checkout.port.RecordedStock;
import dev.surge.checkout.port.StockReservations;
import dev.surge.checkout.port.Transactions;
import dev.surge.checkout.port.VendorAccounts;
import dev.surge.checkout.port.VendorProducts;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every write of a product shares: the checks of its content against the store,
 * storing it with its audit entry in one transaction, then bringing the stock counters
 * and this instance's catalog in line with what was stored.
 */
public final class ProductWrites {

    private final VendorProducts products;

    private final VendorAccounts accounts;

    private final SetStockOnHand setStockOnHand;

    private final StockReservations reservations;

    private final Offers offers;

    private final AuditLog audit;

    private final Transactions transactions;

    private final Clock clock;

    public ProductWrites(VendorProducts products, VendorAccounts accounts, SetStockOnHand setStockOnHand,
            StockReservations reservations, Offers offers, AuditLog audit, Transactions transactions, Clock clock) {
        this.products = products;
        this.accounts = accounts;
        this.setStockOnHand = setStockOnHand;
        this.reservations = reservations;
        this.offers = offers;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What writing a product came to. */
    public sealed interface Outcome {

        /** Stored; {@code product} is as it now stands. */
        record Written(VendorProduct product) implements Outcome {
        }

        record UnknownCategory(String category) implements Outcome {
        }

        /** SKUs are unique across the marketplace: these are another product's. */
        record SkusTaken(List<Sku> skus) implements Outcome {
        }

        /** The vendor has no such product. */
        record NoSuchProduct() implements Outcome {
        }

        /** Where the product stands does not allow it. */
        record NotAllowed(VendorProduct product) implements Outcome {
        }

    }

    Clock clock() {
        return clock;
    }

    VendorProducts products() {
        return products;
    }

    /** Emits whether the vendor's products go on sale without review. */
    Mono<Boolean> autoApproved(VendorProduct draft) {
        return accounts.find(draft.vendor()).map(vendor -> vendor.autoApprovesProducts()).defaultIfEmpty(false);
    }

    /**
     * Why {@code content} cannot be stored for the product, if it cannot: an unknown
     * category or SKUs of another product.
     */
    Mono<Outcome> refusal(VendorProduct product, @Nullable ProductContent content) {
        if (content == null) {
            return Mono.empty();
        }
        return products.categoryExists(content.category())
            .flatMap(known -> !known ? Mono.just(new Outcome.UnknownCategory(content.category()))
                    : products
                        .takenElsewhere(product.id(), content.variants().stream().map(VariantContent::sku).toList())
                        .filter(taken -> !taken.isEmpty())
                        .map(Outcome.SkusTaken::new));
    }

    /**
     * Stores {@code after} (created when {@code before} is {@code null}) with its audit
     * entry, then brings stock and catalog in line. Errors with
     * {@link ConcurrentVendorUpdate} when the product moved since {@code before} was
     * read.
     */
    Mono<Outcome> store(Actor actor, String action, @Nullable VendorProduct before, VendorProduct after) {
        AuditEntry entry = new AuditEntry(after.updatedAt(), actor, after.vendor(), action, target(after),
                before == null ? null : state(before), state(after));
        Mono<Boolean> write = before == null ? products.create(after).thenReturn(true) : products.record(after);
        return transactions
            .inTransaction(() -> write.flatMap(stored -> stored ? audit.record(entry).thenReturn(true)
                    : Mono.error(new ConcurrentVendorUpdate("product " + after.id()))))
            .then(counters(before, after))
            // What is on sale changed: answered once this instance's catalog shows it.
            .then(after.status().isApproved() || (before != null && before.status().isApproved()) ? offers.refresh()
                    : Mono.empty())
            .then(products.find(after.id()))
            .<Outcome>map(Outcome.Written::new)
            // Only the write refuses so; what follows it did not run.
            .onErrorResume(dev.surge.checkout.port.SkusTaken.class,
                    taken -> Mono.just(new Outcome.SkusTaken(taken.skus())));
    }

    /**
     * The Redis counters follow what was stored: a new SKU gets its count, a changed
     * count of a SKU already counted is set like a recount.
     */
    private Mono<Void> counters(@Nullable VendorProduct before, VendorProduct after) {
        return Flux.fromIterable(after.content().variants()).concatMap(variant -> {
            VariantContent was = before == null ? null : before.content().variant(variant.sku()).orElse(null);
            if (was == null) {
                return reservations.loadIfMissing(RecordedStock.first(variant.sku(), variant.onHand())).then();
            }
            return was.onHand() == variant.onHand() ? Mono.empty()
                    : setStockOnHand.set(after.vendor(), variant.sku(), variant.onHand()).then();
        }).then();
    }

    static String target(VendorProduct product) {
        return "product:" + product.id();
    }

    static Map<String, Object> state(VendorProduct product) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", product.status().name());
        state.put("name", product.content().name());
        state.put("category", product.content().category());
        state.put("skus", product.content().variants().stream().map(variant -> variant.sku().value()).toList());
        if (product.pendingChange() != null) {
            state.put("pendingChange", product.pendingChange().name());
        }
        if (product.statusReason() != null) {
            state.put("reason", product.statusReason());
        }
        return state;
    }

}
