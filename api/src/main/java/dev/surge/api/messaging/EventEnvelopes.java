package dev.surge.api.messaging;

import java.time.Instant;
import java.util.UUID;

import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.VendorId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The JSON envelope of an event on Kafka and on vendor streams (docs/events.md). */
public final class EventEnvelopes {

    private final JsonMapper json;

    public EventEnvelopes(JsonMapper json) {
        this.json = json;
    }

    public String write(OrderEvent event) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("eventId", event.eventId().toString());
        envelope.put("sequence", event.sequence());
        envelope.put("type", event.type());
        envelope.put("occurredAt", event.occurredAt().toString());
        envelope.put("orderId", event.orderId().toString());
        if (event.vendorId() == null) {
            envelope.putNull("vendorId");
        }
        else {
            envelope.put("vendorId", event.vendorId().toString());
        }
        envelope.set("payload", json.readTree(event.payload()));
        envelope.put("schemaVersion", event.schemaVersion());
        return json.writeValueAsString(envelope);
    }

    public OrderEvent read(String text) {
        JsonNode envelope = json.readTree(text);
        JsonNode vendor = envelope.get("vendorId");
        return new OrderEvent(UUID.fromString(envelope.get("eventId").asString()), envelope.get("sequence").asLong(),
                envelope.get("type").asString(), Instant.parse(envelope.get("occurredAt").asString()),
                new OrderId(UUID.fromString(envelope.get("orderId").asString())),
                vendor == null || vendor.isNull() ? null : new VendorId(UUID.fromString(vendor.asString())),
                json.writeValueAsString(envelope.get("payload")), envelope.get("schemaVersion").asInt());
    }

}
