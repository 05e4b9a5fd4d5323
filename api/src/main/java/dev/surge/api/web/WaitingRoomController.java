package dev.surge.api.web;

import dev.surge.checkout.application.SetSkuQueue;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.StockReservations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Waiting rooms in front of hot SKUs: the operator opens one, a shopper whose checkout
 * was answered {@code 429 queued} follows their place with its token.
 */
@RestController
@Tag(name = "Waiting rooms", description = "First come, first served admission to hot SKUs")
public class WaitingRoomController {

    private final SetSkuQueue setSkuQueue;

    private final StockReservations reservations;

    public WaitingRoomController(SetSkuQueue setSkuQueue, StockReservations reservations) {
        this.setSkuQueue = setSkuQueue;
        this.reservations = reservations;
    }

    /** {@code enabled} false closes the room; {@code admitPerSecond} 1 to 10,000. */
    public record QueueRequest(@NotNull @Nullable Boolean enabled,
            @Min(1) @Max(10_000) @Nullable Integer admitPerSecond) {
    }

    public record QueueJson(String sku, boolean enabled, int admitPerSecond) {
    }

    public record PlaceJson(String sku, int position, boolean admitted, boolean soldOut, String admittedAt) {
    }

    @PutMapping(path = "/api/v1/admin/skus/{sku}/queue", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Open or close a waiting room in front of a SKU (operators)",
            description = "Checkouts of carts holding the SKU answer 429 queued with a queueToken until admitted, "
                    + "first come first served, admitPerSecond a second; a sold-out SKU answers 409 at once.")
    @SecurityRequirement(name = "bearer")
    public Mono<QueueJson> setQueue(@PathVariable String sku, @Valid @RequestBody QueueRequest request) {
        return Mono.fromCallable(() -> VendorStockController.skuOf(sku)).flatMap(valid -> {
            if (Boolean.TRUE.equals(request.enabled()) && request.admitPerSecond() == null) {
                return Mono.error(new ApiProblem(ProblemType.VALIDATION_FAILED,
                        "admitPerSecond: needed to open a waiting room", Map.of("errors", java.util.List
                            .of(new Problems.FieldError("admitPerSecond", "must be given when enabled is true")))));
            }
            Integer rate = Boolean.TRUE.equals(request.enabled()) ? request.admitPerSecond() : null;
            return setSkuQueue.set(valid, rate)
                .map(inForce -> new QueueJson(valid.value(), inForce > 0, inForce))
                .switchIfEmpty(Mono.error(() -> new ApiProblem(ProblemType.SKU_NOT_FOUND, "No stocked SKU " + sku + ".",
                        Map.of("sku", sku))));
        });
    }

    @GetMapping(path = "/api/v1/queue/{queueToken}", produces = "application/json")
    @Operation(summary = "Where your place in a waiting room stands",
            description = "The token is the one a checkout answered 429 queued with. soldOut: the SKU has no stock "
                    + "left, so there is nothing to wait for.")
    public Mono<PlaceJson> place(@PathVariable String queueToken) {
        return reservations.queueStatus(queueToken)
            .map(status -> new PlaceJson(status.sku().value(), status.position(), status.admitted(), status.soldOut(),
                    status.admittedAt().toString()))
            .switchIfEmpty(Mono
                .error(() -> new ApiProblem(ProblemType.NOT_FOUND, "No such place in a waiting room.", Map.of())));
    }

}
