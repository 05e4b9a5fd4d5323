package dev.surge.checkout.application;

import static dev.surge.checkout.application.CatalogFixtures.listing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.application.OfferedProduct.VariantOffer;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.ProductQuery;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class SearchProductsTests {

    private static final ProductQuery ANY_EUR = new ProductQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Currency.getInstance("EUR"), Optional.empty(), 20);

    @Test
    void offersEachPricedVariantWithItsLiveAvailability() {
        var catalog = new InMemoryCatalog().with(listing(Map.of("MUG-S", 900L, "MUG-L", 1200L), "MUG-S", "MUG-L"));
        var stock = new CountingStockLevels().with(Sku.of("MUG-S"), 7).with(Sku.of("MUG-L"), 0);

        StepVerifier.create(new SearchProducts(catalog, stock).search(ANY_EUR))
            .assertNext(page -> assertThat(page.products().getFirst().variants())
                .extracting(VariantOffer::price, VariantOffer::available)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Money.of(900, "EUR"), 7),
                        org.assertj.core.groups.Tuple.tuple(Money.of(1200, "EUR"), 0)))
            .verifyComplete();
    }

    @Test
    void readsStockOncePerPageNotPerProduct() {
        var catalog = new InMemoryCatalog().with(listing(Map.of("A-1", 100L), "A-1"))
            .with(listing(Map.of("B-1", 100L), "B-1"))
            .with(listing(Map.of("C-1", 100L), "C-1"));
        var stock = new CountingStockLevels();

        StepVerifier.create(new SearchProducts(catalog, stock).search(ANY_EUR))
            .assertNext(page -> assertThat(page.products()).hasSize(3))
            .verifyComplete();
        assertThat(stock.lookups).hasValue(1);
    }

    @Test
    void leavesOutVariantsWithoutAPriceInTheAskedCurrency() {
        var catalog = new InMemoryCatalog().with(listing(Map.of("TEE-S", 1500L), "TEE-S", "TEE-M"));

        StepVerifier.create(new SearchProducts(catalog, new CountingStockLevels()).search(ANY_EUR))
            .assertNext(page -> assertThat(page.products().getFirst().variants()).extracting(o -> o.variant().sku())
                .containsExactly(Sku.of("TEE-S")))
            .verifyComplete();
    }

    @Test
    void countsUnknownStockAsNothingAvailable() {
        var catalog = new InMemoryCatalog().with(listing(Map.of("NEW-1", 100L), "NEW-1"));

        StepVerifier.create(new SearchProducts(catalog, new CountingStockLevels()).search(ANY_EUR))
            .assertNext(page -> assertThat(page.products().getFirst().variants().getFirst().available()).isZero())
            .verifyComplete();
    }

}
