package dev.surge.api.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Currency;
import java.util.List;

import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.Sku;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import reactor.test.StepVerifier;

/**
 * The periodic check behind the change notifications: it reads the whole catalog again
 * only when a change was counted that the snapshot does not hold.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(properties = "surge.catalog.resync-interval=1h")
class CatalogResyncIT {

    private static final Sku MUG = Sku.of("SRG-001-1");

    private static final Currency EUR = Currency.getInstance("EUR");

    @Autowired
    InMemoryCatalog catalog;

    @Autowired
    DatabaseClient database;

    @Test
    void aCheckReadsNothingWhenNoChangeWasCountedAndEverythingWhenOneWas() {
        CatalogSnapshot before = catalog.reload().block();
        Money price = priceOfMug(before);

        // Nothing counted since: nothing read (the check emits no new snapshot).
        StepVerifier.create(catalog.resync()).verifyComplete();
        assertThat(catalog.snapshot().changes()).isEqualTo(before.changes());

        // A price change whose notification was lost (triggers off for this statement;
        // it is counted by hand, as the trigger counts it).
        database.sql("SET session_replication_role = replica; "
                + "UPDATE prices SET amount_minor = amount_minor + 100 WHERE sku = 'SRG-001-1' AND currency = 'EUR'; "
                + "SET session_replication_role = origin")
            .then()
            .block();
        database.sql("SELECT nextval('catalog_changes')").then().block();

        StepVerifier.create(catalog.resync())
            .assertNext(read -> assertThat(read.changes()).isGreaterThan(before.changes()))
            .verifyComplete();
        assertThat(priceOfMug(catalog.snapshot())).isEqualTo(price.plus(Money.of(100, "EUR")));
    }

    @Test
    void everyCatalogChangeIsCounted() {
        long counted = catalog.snapshot().changes();

        database.sql("UPDATE prices SET amount_minor = amount_minor WHERE sku = 'SRG-001-1' AND currency = 'EUR'")
            .then()
            .block();

        assertThat(
                database.sql("SELECT last_value FROM catalog_changes").map(row -> row.get(0, Long.class)).one().block())
            .isGreaterThan(counted);
    }

    private static Money priceOfMug(CatalogSnapshot snapshot) {
        return snapshot.offers(List.of(MUG), EUR).get(MUG).unitPrice();
    }

}
