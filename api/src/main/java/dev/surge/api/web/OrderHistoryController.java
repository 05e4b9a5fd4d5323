package dev.surge.api.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.surge.checkout.application.LookUpOrders;
import dev.surge.checkout.application.SearchOrders;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderEvent;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.OrderHistory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders after the fact: a customer's own, newest first; the operator's search, and one
 * order with its status history and events.
 */
@RestController
@Tag(name = "Order lookup", description = "Customers list their orders; operators search them")
@SecurityRequirement(name = "bearer")
public class OrderHistoryController {

    private static final int DEFAULT_LIMIT = 20;

    private final LookUpOrders lookUpOrders;

    private final SearchOrders searchOrders;

    private final JsonMapper json;

    public OrderHistoryController(LookUpOrders lookUpOrders, SearchOrders searchOrders, JsonMapper json) {
        this.lookUpOrders = lookUpOrders;
        this.searchOrders = searchOrders;
        this.json = json;
    }

    public record OrdersJson(List<OrderJson> items, @Nullable String nextCursor) {
    }

    public record StatusChangeJson(String status, String at) {
    }

    public record EventJson(String eventId, String type, String occurredAt, @Nullable String vendorId,
            JsonNode payload) {
    }

    public record OrderDetailJson(OrderJson order, List<StatusChangeJson> statusHistory, List<EventJson> events) {
    }

    @GetMapping(path = "/api/v1/orders", produces = "application/json")
    @Operation(summary = "Your orders, newest first (customers)")
    public Mono<OrdersJson> mine(@AuthenticationPrincipal @Nullable Jwt token,
            @RequestParam(required = false) @Size(max = 200) @Nullable String cursor,
            @RequestParam(required = false) @Min(1) @Max(100) @Nullable Integer limit) {
        CustomerId customer = Customers.of(token);
        if (customer == null) {
            return Mono.error(new ApiProblem(ProblemType.UNAUTHORIZED, "Listing orders needs a customer token."));
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        return Mono.fromCallable(() -> java.util.Optional.ofNullable(position(cursor)))
            .flatMap(before -> lookUpOrders.ofCustomer(customer, before.orElse(null), size))
            .map(orders -> page(orders, size));
    }

    @GetMapping(path = "/api/v1/admin/orders", produces = "application/json")
    @Operation(summary = "Search orders (operators): by id or email (q), email, vendor, status, placed from/to",
            description = "Newest first; from inclusive, to exclusive (ISO-8601 instants).")
    public Mono<OrdersJson> search(@RequestParam(required = false) @Size(max = 254) @Nullable String q,
            @RequestParam(required = false) @Size(max = 254) @Nullable String email,
            @RequestParam(required = false) @Nullable UUID vendorId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Size(max = 200) @Nullable String cursor,
            @RequestParam(required = false) @Min(1) @Max(100) @Nullable Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        return Mono.fromCallable(() -> {
            OrderId byId = null;
            String byEmail = blankToNull(email);
            String text = blankToNull(q);
            if (text != null) {
                try {
                    byId = new OrderId(UUID.fromString(text));
                }
                catch (IllegalArgumentException notAnId) {
                    byEmail = text;
                }
            }
            return new Query(new OrderHistory.Search(byId, byEmail, vendorId == null ? null : new VendorId(vendorId),
                    statusOf(status), instant("from", from), instant("to", to)), position(cursor));
        })
            .flatMap(query -> searchOrders.search(query.search(), query.before(), size))
            .map(orders -> page(orders, size));
    }

    private record Query(OrderHistory.Search search, OrderHistory.@Nullable Position before) {
    }

    @GetMapping(path = "/api/v1/admin/orders/{orderId}", produces = "application/json")
    @Operation(summary = "One order with its sub-orders, status history and events (operators)")
    public Mono<OrderDetailJson> open(@PathVariable UUID orderId) {
        return searchOrders.open(new OrderId(orderId))
            .map(found -> new OrderDetailJson(OrderJson.of(found.order()), history(found.events()),
                    found.events().stream().map(this::event).toList()))
            .switchIfEmpty(Mono.error(() -> new ApiProblem(ProblemType.ORDER_NOT_FOUND,
                    "There is no order " + orderId + ".", Map.of("orderId", orderId.toString()))));
    }

    private List<StatusChangeJson> history(List<OrderEvent> events) {
        return events.stream()
            .filter(event -> "order.status".equals(event.type()))
            .map(event -> new StatusChangeJson(json.readTree(event.payload()).path("status").asString(),
                    event.occurredAt().toString()))
            .toList();
    }

    private EventJson event(OrderEvent event) {
        return new EventJson(event.eventId().toString(), event.type(), event.occurredAt().toString(),
                event.vendorId() == null ? null : event.vendorId().toString(), json.readTree(event.payload()));
    }

    private static OrdersJson page(List<Order> orders, int size) {
        return new OrdersJson(orders.stream().map(OrderJson::of).toList(),
                orders.size() < size ? null : Cursors.of(orders.getLast().placedAt(), orders.getLast().id().value()));
    }

    private static OrderHistory.@Nullable Position position(@Nullable String cursor) {
        Cursors.TimeAndId position = Cursors.timeAndId(cursor);
        return position == null ? null : new OrderHistory.Position(position.at(), new OrderId(position.id()));
    }

    private static @Nullable OrderStatus statusOf(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return OrderStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw invalid("status", "must be one of " + List.of(OrderStatus.values()));
        }
    }

    private static @Nullable Instant instant(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        }
        catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 UTC instant such as 2026-11-30T00:00:00Z");
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(ProblemType.VALIDATION_FAILED, field + ": " + message,
                Map.of("errors", List.of(new Problems.FieldError(field, message))));
    }

}
