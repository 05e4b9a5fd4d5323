package dev.surge.api.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.surge.api.support.SurgeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;

/** The stock of record read whole, a page per statement. */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class R2dbcStockOfRecordIT {

    @Autowired
    DatabaseClient database;

    @Test
    void readsEveryLevelOnceInSkuOrderAcrossPages() {
        List<String> stored = database.sql("SELECT sku || ':' || on_hand FROM stock_levels ORDER BY sku")
            .map(row -> row.get(0, String.class))
            .all()
            .collectList()
            .block();
        assertThat(stored).hasSizeGreaterThan(20);

        for (int page : new int[] { 7, stored.size(), stored.size() + 1 }) {
            List<String> read = new R2dbcStockOfRecord(database, page).all()
                .map(level -> level.sku().value() + ":" + level.onHand())
                .collectList()
                .block();
            assertThat(read).as("pages of %d", page).containsExactlyElementsOf(stored);
        }
    }

}
