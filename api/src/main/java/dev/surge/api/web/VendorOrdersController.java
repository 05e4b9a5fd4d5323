package dev.surge.api.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.surge.checkout.application.ListVendorOrders;
import dev.surge.checkout.application.FulfilSubOrders;
import dev.surge.checkout.domain.SubOrderStatus;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorRole;
import dev.surge.checkout.domain.VendorSubOrder;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A vendor's own sub-orders and payouts. Every query is scoped by the token's
 * {@code vendorId}: another vendor's sub-order answers 404, as if it did not exist.
 */
@RestController
@Tag(name = "Vendor orders", description = "Vendors read, ship and get paid for their sub-orders")
@SecurityRequirement(name = "bearer")
public class VendorOrdersController {

    private static final int DEFAULT_LIMIT = 20;

    private final ListVendorOrders listVendorOrders;

    private final FulfilSubOrders fulfilSubOrders;

    public VendorOrdersController(ListVendorOrders listVendorOrders, FulfilSubOrders fulfilSubOrders) {
        this.listVendorOrders = listVendorOrders;
        this.fulfilSubOrders = fulfilSubOrders;
    }

    public record Shipment(@NotBlank @Size(max = 100) @Nullable String carrier,
            @NotBlank @Size(max = 100) @Nullable String trackingNumber) {
    }

    public record SubOrderJson(String id, String orderId, String status, String orderStatus, CartJson.TotalsJson totals,
            MoneyJson commission, List<CartJson.LineJson> lines, @Nullable String carrier,
            @Nullable String trackingNumber, String placedAt) {

        static SubOrderJson of(VendorSubOrder subOrder) {
            return new SubOrderJson(subOrder.id().toString(), subOrder.orderId().toString(), subOrder.status().name(),
                    subOrder.orderStatus().name(), CartJson.TotalsJson.of(subOrder.totals()),
                    MoneyJson.of(subOrder.commission()), subOrder.lines().stream().map(CartJson.LineJson::of).toList(),
                    subOrder.carrier(), subOrder.trackingNumber(), subOrder.placedAt().toString());
        }

    }

    public record Page<T>(List<T> items, @Nullable String nextCursor) {
    }

    public record PayoutJson(String id, MoneyJson amount, String status, @Nullable String stripeTransferId,
            String createdAt) {
    }

    @GetMapping(path = "/api/v1/vendor/orders", produces = "application/json")
    @Operation(summary = "Your sub-orders, newest first")
    public Mono<Page<SubOrderJson>> list(@ActingMember(VendorRole.FULFILLMENT) Membership member,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Size(max = 100) @Nullable String cursor,
            @RequestParam(required = false) @Min(1) @Max(100) @Nullable Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        return Mono.fromCallable(() -> new Query(member.vendor(), statusOf(status), Cursors.uuid(cursor)))
            .flatMap(query -> listVendorOrders.list(query.vendor(), query.status(), query.after(), size))
            .map(page -> new Page<>(page.stream().map(SubOrderJson::of).toList(),
                    page.size() < size ? null : Cursors.of(page.getLast().id())));
    }

    private record Query(VendorId vendor, @Nullable SubOrderStatus status, @Nullable UUID after) {
    }

    @PostMapping(path = "/api/v1/vendor/orders/{subOrderId}/accept", produces = "application/json")
    @Operation(summary = "Accept one of your paid sub-orders",
            description = "Tells the customer's order that you take it on; accepting again answers it as it is. "
                    + "A sub-order whose order is not paid, or that was cancelled or has shipped, answers 409.")
    public Mono<SubOrderJson> accept(@ActingMember(VendorRole.FULFILLMENT) Membership member,
            @PathVariable UUID subOrderId) {
        return answer(subOrderId, "only a paid sub-order not yet shipped is accepted",
                Mono.fromCallable(member::vendor).flatMap(vendor -> fulfilSubOrders.accept(vendor, subOrderId)));
    }

    @PostMapping(path = "/api/v1/vendor/orders/{subOrderId}/ship", consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Ship one of your paid sub-orders",
            description = "A sub-order not accepted yet is accepted on the way. When every sub-order of the order "
                    + "has shipped, the order is FULFILLED.")
    public Mono<SubOrderJson> ship(@ActingMember(VendorRole.FULFILLMENT) Membership member,
            @PathVariable UUID subOrderId, @Valid @RequestBody Shipment shipment) {
        return answer(subOrderId, "only a paid sub-order ships",
                Mono.fromCallable(member::vendor)
                    .flatMap(vendor -> fulfilSubOrders.ship(vendor, subOrderId, shipment.carrier().strip(),
                            shipment.trackingNumber().strip())));
    }

    private static Mono<SubOrderJson> answer(UUID subOrderId, String rule, Mono<FulfilSubOrders.Outcome> outcome) {
        return outcome.map(done -> switch (done) {
            case FulfilSubOrders.Outcome.Done moved -> SubOrderJson.of(moved.subOrder());
            case FulfilSubOrders.Outcome.Refused refused -> throw new ApiProblem(ProblemType.ORDER_STATE_CONFLICT,
                    "The sub-order is " + refused.subOrder().status() + " and its order "
                            + refused.subOrder().orderStatus() + "; " + rule + ".",
                    Map.of("subOrderId", subOrderId, "subOrderStatus", refused.subOrder().status().name(),
                            "orderStatus", refused.subOrder().orderStatus().name()));
        })
            .switchIfEmpty(Mono.error(() -> new ApiProblem(ProblemType.NOT_FOUND,
                    "You have no sub-order " + subOrderId + ".", Map.of("subOrderId", subOrderId))));
    }

    @GetMapping(path = "/api/v1/vendor/payouts", produces = "application/json")
    @Operation(summary = "Your payout history, newest first")
    public Mono<Page<PayoutJson>> payouts(@ActingMember(VendorRole.OWNER) Membership member) {
        return listVendorOrders.payouts(member.vendor())
            .map(payouts -> new Page<>(payouts.stream()
                .map(payout -> new PayoutJson(payout.id().toString(), MoneyJson.of(payout.amount()), payout.status(),
                        payout.stripeTransferId(), payout.createdAt().toString()))
                .toList(), null));
    }

    private static @Nullable SubOrderStatus statusOf(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return SubOrderStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED,
                    "status: must be one of PENDING, ACCEPTED, SHIPPED, " + "CANCELLED",
                    Map.of("errors", List.of(new Problems.FieldError("status",
                            "must be one of PENDING, ACCEPTED, SHIPPED, CANCELLED"))));
        }
    }

}
