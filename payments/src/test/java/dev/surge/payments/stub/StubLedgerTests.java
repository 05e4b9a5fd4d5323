package dev.surge.payments.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class StubLedgerTests {

    @Test
    void keepsOnlyTheNewestObjectsOfEachKindAndForgetsTheirLookUps() {
        StubLedger ledger = new StubLedger();
        for (int i = 1; i <= 3; i++) {
            ledger.paymentIntents.put("pi_" + i, object("pi_" + i));
            ledger.addTransfer(transfer("tr_" + i, "group_" + i, "ch_" + i));
            ledger.events.add(object("evt_" + i));
        }

        ledger.forgetAllButNewest(2);

        assertThat(ledger.paymentIntents).containsOnlyKeys("pi_2", "pi_3");
        assertThat(ledger.transfers).containsOnlyKeys("tr_2", "tr_3");
        assertThat(ledger.transfersInGroup("group_1")).isEmpty();
        assertThat(ledger.transfersFrom("ch_1")).isEmpty();
        assertThat(ledger.transfersInGroup("group_3")).hasSize(1);
        assertThat(ledger.events).extracting(event -> event.get("id").getAsString()).containsExactly("evt_2", "evt_3");
    }

    private static JsonObject object(String id) {
        JsonObject object = new JsonObject();
        object.addProperty("id", id);
        return object;
    }

    private static JsonObject transfer(String id, String group, String charge) {
        JsonObject transfer = object(id);
        transfer.addProperty("transfer_group", group);
        transfer.addProperty("source_transaction", charge);
        return transfer;
    }

}
