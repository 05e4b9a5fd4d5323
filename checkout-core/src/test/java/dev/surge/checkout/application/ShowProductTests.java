package dev.surge.checkout.application;

import static dev.surge.checkout.application.CatalogFixtures.listing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.Sku;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ShowProductTests {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void showsAListedProductWithAvailability() {
        var mug = listing(Map.of("MUG-S", 900L), "MUG-S");
        var showProduct = new ShowProduct(new InMemoryCatalog().with(mug),
                new CountingStockLevels().with(Sku.of("MUG-S"), 12));

        StepVerifier.create(showProduct.show(mug.product().id(), EUR))
            .assertNext(offer -> assertThat(offer.variants().getFirst().available()).isEqualTo(12))
            .verifyComplete();
    }

    @Test
    void completesEmptyWithoutReadingStockForAnUnlistedProduct() {
        var stock = new CountingStockLevels();

        StepVerifier.create(new ShowProduct(new InMemoryCatalog(), stock).show(new ProductId(UUID.randomUUID()), EUR))
            .verifyComplete();
        assertThat(stock.lookups).hasValue(0);
    }

}
