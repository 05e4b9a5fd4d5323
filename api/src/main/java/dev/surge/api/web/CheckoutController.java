package dev.surge.api.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.surge.api.web.Problems.FieldError;
import dev.surge.checkout.application.PlaceOrder;
import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.Sku;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The checkout. Idempotent per {@code Idempotency-Key}: the same key and body replay the
 * first answer, another body is refused, a key still being worked on answers 409.
 */
@RestController
@Tag(name = "Checkout", description = "Turn a cart into an order: stock reserved, order written, payment created")
public class CheckoutController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The waiting room's token, sent again once admitted. */
    static final String QUEUE_TOKEN = "X-Queue-Token";

    private final PlaceOrder placeOrder;

    public CheckoutController(PlaceOrder placeOrder) {
        this.placeOrder = placeOrder;
    }

    public record CheckoutRequest(@NotNull @Nullable UUID cartId,
            @NotBlank @Email @Size(max = 320) @Nullable String email,
            @NotEmpty @Size(max = 20) @Nullable Map<String, @NotNull @Size(max = 200) String> shippingAddress) {
    }

    @PostMapping(path = "/api/v1/checkouts", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Check out a cart",
            description = "Needs Idempotency-Key (1-255 characters) and the cart's X-Cart-Token or the customer's "
                    + "token. Answers 201 with the order, its orderToken and the payment's clientSecret.")
    public Mono<ResponseEntity<OrderJson>> checkout(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
            @RequestHeader(name = CartsController.CART_TOKEN, required = false) @Nullable String cartToken,
            @RequestHeader(name = QUEUE_TOKEN, required = false) @Nullable String queueToken,
            @Valid @RequestBody CheckoutRequest request, @AuthenticationPrincipal @Nullable Jwt token) {
        return Mono
            .fromCallable(() -> new PlaceOrder.Command(validKey(idempotencyKey), new CartId(request.cartId()),
                    Customers.of(token), cartToken, request.email(), request.shippingAddress(), queueToken))
            .flatMap(placeOrder::place)
            .map(result -> switch (result) {
                case PlaceOrder.Result.Placed placed -> ResponseEntity.status(HttpStatus.CREATED)
                    .header("Idempotent-Replayed", String.valueOf(placed.replayed()))
                    .body(OrderJson.placed(placed.order()));
                case PlaceOrder.Result.Rejected rejected -> throw problem(rejected.rejection(), request.cartId());
            });
    }

    private static String validKey(@Nullable String key) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED,
                    "Idempotency-Key: send a key of 1-255 characters, the same for every retry of this checkout",
                    Map.of("errors", List.of(new FieldError(IDEMPOTENCY_KEY, "must be 1-255 characters"))));
        }
        return key;
    }

    private static ApiProblem problem(PlaceOrder.Rejection rejection, @Nullable UUID cartId) {
        return switch (rejection) {
            case PlaceOrder.Rejection.KeyInFlight inFlight -> new ApiProblem(ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT,
                    "A checkout with this Idempotency-Key is still being processed; retry shortly.");
            case PlaceOrder.Rejection.KeyReused reused -> new ApiProblem(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different checkout; use a new key.");
            case PlaceOrder.Rejection.CartNotFound notFound -> CartsController.notFound(cartId);
            case PlaceOrder.Rejection.EmptyCart empty ->
                new ApiProblem(ProblemType.EMPTY_CART, "The cart is empty; add lines before checking out.");
            case PlaceOrder.Rejection.LinesUnavailable unavailable -> new ApiProblem(ProblemType.ITEMS_UNAVAILABLE,
                    "Some SKUs in the cart are no longer for sale; remove them and check out again.",
                    Map.of("skus", unavailable.skus().stream().map(Sku::value).toList()));
            case PlaceOrder.Rejection.PricesChanged changed -> new ApiProblem(ProblemType.PRICE_CHANGED,
                    "Some prices changed (or items left the catalog) after the cart was priced; nothing was "
                            + "reserved or charged. Read the cart again to see it as it is now, then check out again.",
                    Map.of("skus", changed.skus().stream().map(Sku::value).toList()));
            case PlaceOrder.Rejection.ShippingCountryMismatch mismatch -> new ApiProblem(ProblemType.VALIDATION_FAILED,
                    "shippingAddress.country: the cart is priced for " + mismatch.cartCountry()
                            + "; ship there, or open a cart for the other country",
                    Map.of("errors", List.of(new FieldError("shippingAddress.country",
                            "must be " + mismatch.cartCountry() + ", the cart's country"))));
            case PlaceOrder.Rejection.CartAlreadyOrdered ordered -> new ApiProblem(ProblemType.ORDER_STATE_CONFLICT,
                    "This cart was checked out already and its order waits for payment; pay or cancel that order.");
            case PlaceOrder.Rejection.Queued queued -> new ApiProblem(ProblemType.QUEUED,
                    "Shoppers are admitted to this sale in the order they came; you are number "
                            + queued.ticket().position() + ". Check out again with the X-Queue-Token header after "
                            + "the time in Retry-After; nothing was reserved meanwhile.",
                    Map.of("queueToken", queued.ticket().token(), "position", queued.ticket().position(), "admittedAt",
                            queued.ticket().admittedAt().toString()),
                    Duration.between(Instant.now(), queued.ticket().admittedAt()));
            case PlaceOrder.Rejection.PurchaseLimit capped -> new ApiProblem(ProblemType.PURCHASE_LIMIT,
                    "Some lines would take you past how many of them one buyer may have; nothing was reserved. "
                            + "Lower those quantities to at most what is allowed.",
                    Map.of("lines",
                            capped.lines()
                                .stream()
                                .map(line -> Map.of("sku", line.sku().value(), "requested", line.requested(), "allowed",
                                        line.allowed()))
                                .toList()));
            case PlaceOrder.Rejection.TooManyOpenOrders open -> new ApiProblem(ProblemType.TOO_MANY_OPEN_ORDERS,
                    "You have " + open.allowed() + " orders waiting for payment, as many as one buyer may have at "
                            + "once; nothing was reserved. Pay or cancel one of them, then check out again.",
                    Map.of("allowed", open.allowed()));
            case PlaceOrder.Rejection.InsufficientStock stock ->
                new ApiProblem(ProblemType.INSUFFICIENT_STOCK, "Not enough stock for some lines; nothing was reserved.",
                        Map.of("lines", stock.shortfalls()
                            .stream()
                            .map(line -> OrderJson.shortfall(line.sku().value(), line.requested(), line.available()))
                            .toList()));
        };
    }

}
