package dev.surge.api.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import java.util.UUID;

import dev.surge.checkout.application.CancelOrder;
import dev.surge.api.web.RateLimits.Limit;
import dev.surge.checkout.application.ConfirmPayment;
import dev.surge.checkout.port.Quota;
import dev.surge.checkout.application.ShowOrder;
import dev.surge.checkout.domain.Order;
import dev.surge.checkout.domain.OrderId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Orders for their customer or the holder of the {@code X-Order-Token} from the checkout
 * answer; anyone else is told the order does not exist.
 */
@RestController
@Tag(name = "Orders", description = "Read, pay and cancel an order")
public class OrdersController {

    static final String ORDER_TOKEN = "X-Order-Token";

    private final ShowOrder showOrder;

    private final ConfirmPayment confirmPayment;

    private final CancelOrder cancelOrder;

    private final RateLimits rateLimits;

    public OrdersController(ShowOrder showOrder, ConfirmPayment confirmPayment, CancelOrder cancelOrder,
            RateLimits rateLimits) {
        this.showOrder = showOrder;
        this.confirmPayment = confirmPayment;
        this.cancelOrder = cancelOrder;
        this.rateLimits = rateLimits;
    }

    public record Confirmation(@NotBlank @Size(max = 255) @Nullable String paymentMethod) {
    }

    @GetMapping(path = "/api/v1/orders/{orderId}", produces = "application/json")
    @Operation(summary = "Read an order")
    public Mono<OrderJson> show(@PathVariable UUID orderId,
            @RequestHeader(name = ORDER_TOKEN, required = false) @Nullable String orderToken,
            @AuthenticationPrincipal @Nullable Jwt token) {
        return showOrder.show(new OrderId(orderId), Customers.of(token), orderToken)
            .map(OrderJson::of)
            .switchIfEmpty(Mono.error(() -> notFound(orderId)));
    }

    @PostMapping(path = "/api/v1/orders/{orderId}/payment/confirm", consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Pay the order with a payment method (server-side confirmation)",
            description = "A declined card answers 402 payment-declined and the order stays pending: "
                    + "try another method until the reservation expires.")
    public Mono<OrderJson> confirm(@PathVariable UUID orderId, @Valid @RequestBody Confirmation confirmation,
            @RequestHeader(name = ORDER_TOKEN, required = false) @Nullable String orderToken,
            @AuthenticationPrincipal @Nullable Jwt token, ServerHttpRequest request, @Nullable Authentication caller) {
        List<Quota> callerRate = rateLimits.quota(Limit.PAYMENT_CONFIRMS, caller, request)
            .<List<Quota>>map(List::of)
            .orElse(List.of());
        return confirmPayment
            .confirm(new OrderId(orderId), Customers.of(token), orderToken, confirmation.paymentMethod(), callerRate)
            .doOnNext(outcome -> {
                if (!callerRate.isEmpty()) {
                    rateLimits.count(Limit.PAYMENT_CONFIRMS, outcome instanceof ConfirmPayment.Outcome.RateLimited
                            ? RateLimits.Verdict.REFUSED : RateLimits.Verdict.GRANTED);
                }
            })
            .map(outcome -> switch (outcome) {
                case ConfirmPayment.Outcome.Confirmed confirmed -> OrderJson.of(confirmed.order());
                case ConfirmPayment.Outcome.ActionRequired action ->
                    OrderJson.of(action.order(), null, new OrderJson.PaymentJson("stripe",
                            action.order().payment().value(), action.clientSecret(), "requires_action"));
                case ConfirmPayment.Outcome.Declined declined -> throw new ApiProblem(ProblemType.PAYMENT_DECLINED,
                        declined.message() + " The order is still waiting for payment; try another payment method.",
                        Map.of("declineCode", declined.declineCode(), "orderId", orderId));
                case ConfirmPayment.Outcome.NotPending notPending ->
                    throw stateConflict(notPending.order(), "is not waiting for payment");
                case ConfirmPayment.Outcome.RateLimited limited ->
                    throw RateLimiting.refusal(Limit.PAYMENT_CONFIRMS, limited.retryAfter());
                case ConfirmPayment.Outcome.TooManyAttempts tooMany -> throw tooManyAttempts(tooMany);
            })
            .switchIfEmpty(Mono.error(() -> notFound(orderId)));
    }

    private static ApiProblem tooManyAttempts(ConfirmPayment.Outcome.TooManyAttempts tooMany) {
        Order order = tooMany.order();
        String detail = tooMany.cancelled()
                ? "Too many payment attempts on this order, again: it has been cancelled and its items released."
                : "Too many payment attempts on this order; try again after the time in Retry-After. "
                        + "Reaching the limit again after that cancels the order.";
        return new ApiProblem(ProblemType.TOO_MANY_PAYMENT_ATTEMPTS, detail,
                Map.of("orderId", order.id().toString(), "orderStatus", order.status().name()), tooMany.retryAfter());
    }

    @PostMapping(path = "/api/v1/orders/{orderId}/cancel", produces = "application/json")
    @Operation(summary = "Cancel an order",
            description = "A pending order is cancelled and its stock released; a paid one is refunded in full.")
    public Mono<OrderJson> cancel(@PathVariable UUID orderId,
            @RequestHeader(name = ORDER_TOKEN, required = false) @Nullable String orderToken,
            @AuthenticationPrincipal @Nullable Jwt token) {
        return cancelOrder.cancel(new OrderId(orderId), Customers.of(token), orderToken)
            .map(outcome -> switch (outcome) {
                case CancelOrder.Outcome.Cancelled cancelled -> OrderJson.of(cancelled.order());
                case CancelOrder.Outcome.NotCancellable notCancellable ->
                    throw stateConflict(notCancellable.order(), "cannot be cancelled any more");
                case CancelOrder.Outcome.PartlyShipped partlyShipped -> throw stateConflict(partlyShipped.order(),
                        "a vendor has shipped part of it, so it cannot be cancelled any more");
            })
            .switchIfEmpty(Mono.error(() -> notFound(orderId)));
    }

    private static ApiProblem stateConflict(Order order, String what) {
        return new ApiProblem(ProblemType.ORDER_STATE_CONFLICT, "The order is " + order.status() + " and " + what + ".",
                Map.of("orderId", order.id().toString(), "orderStatus", order.status().name()));
    }

    static ApiProblem notFound(UUID orderId) {
        return new ApiProblem(ProblemType.ORDER_NOT_FOUND, "No order " + orderId + " for you.",
                Map.of("orderId", orderId));
    }

}
