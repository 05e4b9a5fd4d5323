package dev.surge.checkout.application;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.AuditLog;
import dev.surge.checkout.port.Offers;
import dev.surge.checkout.port.Transactions;
import dev.surge.checkout.port.VendorProducts;
import reactor.core.publisher.Mono;

/**
 * A vendor's editor sets a SKU's prices, one per currency, replacing the ones it had. No
 * review: they apply from the answer on (a checkout that priced the cart before is
 * refused by the order's own statement and answers price-changed).
 */
public final class SetSkuPrices {

    private final VendorProducts products;

    private final AuditLog audit;

    private final Transactions transactions;

    private final Offers offers;

    private final Clock clock;

    public SetSkuPrices(VendorProducts products, AuditLog audit, Transactions transactions, Offers offers,
            Clock clock) {
        this.products = products;
        this.audit = audit;
        this.transactions = transactions;
        this.offers = offers;
        this.clock = clock;
    }

    /** Emits whether the vendor sells the SKU (nothing changed when not). */
    public Mono<Boolean> set(Membership editor, Sku sku, List<Money> prices) {
        AuditEntry entry = new AuditEntry(clock.instant(), Actor.member(editor), editor.vendor(), "sku.prices-set",
                "sku:" + sku.value(), null,
                Map.of("prices",
                        prices.stream()
                            .map(price -> price.minor() + " " + price.currency().getCurrencyCode())
                            .toList()));
        return transactions
            .inTransaction(() -> products.setPrices(editor.vendor(), sku, prices)
                .flatMap(owned -> owned ? audit.record(entry).thenReturn(true) : Mono.just(false)))
            .flatMap(owned -> owned ? offers.refresh().thenReturn(true) : Mono.just(false));
    }

}
