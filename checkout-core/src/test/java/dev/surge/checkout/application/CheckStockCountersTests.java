package dev.surge.checkout.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.application.CheckStockCounters.Verdict;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.CounterTally;
import dev.surge.checkout.port.RecordedStock;
import org.junit.jupiter.api.Test;

class CheckStockCountersTests {

    private static final Sku MUG = Sku.of("MUG-1");

    /** The record: 10 on hand, 5 sold, counted twice. */
    private static final RecordedStock RECORD = new RecordedStock(MUG, 10, 5, 2);

    @Test
    void countersThatAddUpToTheRecordAreInStepWhateverIsHeld() {
        assertThat(CheckStockCounters.judge(RECORD, new CounterTally(MUG, 10, 4, 5, 2))).isEqualTo(Verdict.IN_STEP);
    }

    @Test
    void salesOnTheirWayToTheRecordKeepTheCountersInStep() {
        // Three more sold in Redis, not recorded yet: 7 on hand, 8 sold.
        assertThat(CheckStockCounters.judge(RECORD, new CounterTally(MUG, 7, 0, 8, 2))).isEqualTo(Verdict.IN_STEP);
    }

    @Test
    void countersWithoutTheSkuAreMissing() {
        assertThat(CheckStockCounters.judge(RECORD, null)).isEqualTo(Verdict.MISSING);
    }

    @Test
    void countersThatLostSalesTheRecordHasAreBehindEvenIfTheyAddUp() {
        // An older snapshot: two sales fewer, so two more units to sell again.
        assertThat(CheckStockCounters.judge(RECORD, new CounterTally(MUG, 12, 0, 3, 2))).isEqualTo(Verdict.BEHIND);
    }

    @Test
    void countersThatLostACountAreBehind() {
        assertThat(CheckStockCounters.judge(RECORD, new CounterTally(MUG, 30, 0, 5, 1))).isEqualTo(Verdict.BEHIND);
    }

    @Test
    void countersChangedBehindSurgesBackAreAdrift() {
        assertThat(CheckStockCounters.judge(RECORD, new CounterTally(MUG, 11, 0, 5, 2))).isEqualTo(Verdict.ADRIFT);
        assertThat(CheckStockCounters.judge(RECORD, new CounterTally(MUG, 6, 0, 8, 2))).isEqualTo(Verdict.ADRIFT);
    }

    @Test
    void countersWithACountTheRecordLacksFindTheRecordBehind() {
        assertThat(CheckStockCounters.judge(RECORD, new CounterTally(MUG, 10, 0, 5, 3)))
            .isEqualTo(Verdict.RECORD_BEHIND);
    }

}
