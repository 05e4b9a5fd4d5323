package dev.surge.api.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.surge.api.web.Problems.FieldError;
import dev.surge.checkout.application.ChangeCart;
import dev.surge.checkout.application.ClaimCart;
import dev.surge.checkout.application.CreateCart;
import dev.surge.checkout.application.ShowCart;
import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.CartLine;
import dev.surge.checkout.domain.CartRejection;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.PricedCart;
import dev.surge.checkout.domain.Sku;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Carts, priced by the server on every answer. A guest cart is opened by the
 * {@code X-Cart-Token} handed out when it was created; a customer's cart by the
 * customer's token. Anyone else is told the cart does not exist.
 */
@RestController
@RequestMapping(path = "/api/v1/carts", produces = "application/json")
@Tag(name = "Carts", description = "Guest and customer carts, priced server-side")
public class CartsController {

    static final String CART_TOKEN = "X-Cart-Token";

    private final CreateCart createCart;

    private final ShowCart showCart;

    private final ChangeCart changeCart;

    private final ClaimCart claimCart;

    private final CatalogProperties catalog;

    public CartsController(CreateCart createCart, ShowCart showCart, ChangeCart changeCart, ClaimCart claimCart,
            CatalogProperties catalog) {
        this.createCart = createCart;
        this.showCart = showCart;
        this.changeCart = changeCart;
        this.claimCart = claimCart;
        this.catalog = catalog;
    }

    public record NewCart(@Nullable String currency, @NotBlank @Nullable String country) {
    }

    public record NewLine(@NotBlank @Nullable String sku,
            @NotNull @Min(1) @Max(CartLine.MAX_QUANTITY) @Nullable Integer quantity) {
    }

    public record LineQuantity(@NotNull @Min(0) @Max(CartLine.MAX_QUANTITY) @Nullable Integer quantity) {
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open a cart",
            description = "A guest cart answers its token once: send it as X-Cart-Token from then on. "
                    + "With a customer token the cart belongs to the customer.")
    public Mono<CartJson> create(@Valid @RequestBody NewCart request, @AuthenticationPrincipal @Nullable Jwt token) {
        return Mono.fromCallable(() -> new Opening(catalog.offered(request.currency()), countryOf(request.country())))
            .flatMap(opening -> createCart.create(opening.currency(), opening.country(), Customers.of(token)))
            .map(created -> switch (created) {
                case CreateCart.Created.Opened opened ->
                    CartJson.of(opened.cart(), opened.token() == null ? null : opened.token().value());
                case CreateCart.Created.NotShippedTo refused ->
                    throw invalid("country", "Surge does not ship to " + refused.country());
            });
    }

    private record Opening(java.util.Currency currency, CountryCode country) {
    }

    @GetMapping("/{cartId}")
    @Operation(summary = "Read a cart, priced now")
    public Mono<CartJson> show(@PathVariable UUID cartId,
            @RequestHeader(name = CART_TOKEN, required = false) @Nullable String cartToken,
            @AuthenticationPrincipal @Nullable Jwt token) {
        return showCart.show(new CartId(cartId), Customers.of(token), cartToken)
            .map(cart -> CartJson.of(cart, null))
            .switchIfEmpty(Mono.error(() -> notFound(cartId)));
    }

    @PostMapping(path = "/{cartId}/lines", consumes = "application/json")
    @Operation(summary = "Add a SKU to the cart (the same SKU adds up)")
    public Mono<CartJson> addLine(@PathVariable UUID cartId, @Valid @RequestBody NewLine line,
            @RequestHeader(name = CART_TOKEN, required = false) @Nullable String cartToken,
            @AuthenticationPrincipal @Nullable Jwt token) {
        return Mono.fromCallable(() -> new ChangeCart.Command.Add(skuOf(line.sku()), line.quantity()))
            .flatMap(command -> change(cartId, cartToken, token, command));
    }

    @PutMapping(path = "/{cartId}/lines/{sku}", consumes = "application/json")
    @Operation(summary = "Set a line's quantity (0 removes it)")
    public Mono<CartJson> setLine(@PathVariable UUID cartId, @PathVariable String sku,
            @Valid @RequestBody LineQuantity quantity,
            @RequestHeader(name = CART_TOKEN, required = false) @Nullable String cartToken,
            @AuthenticationPrincipal @Nullable Jwt token) {
        return Mono.fromCallable(() -> new ChangeCart.Command.SetQuantity(skuOf(sku), quantity.quantity()))
            .flatMap(command -> change(cartId, cartToken, token, command));
    }

    @DeleteMapping("/{cartId}/lines/{sku}")
    @Operation(summary = "Remove a line")
    public Mono<CartJson> removeLine(@PathVariable UUID cartId, @PathVariable String sku,
            @RequestHeader(name = CART_TOKEN, required = false) @Nullable String cartToken,
            @AuthenticationPrincipal @Nullable Jwt token) {
        return Mono.fromCallable(() -> new ChangeCart.Command.Remove(skuOf(sku)))
            .flatMap(command -> change(cartId, cartToken, token, command));
    }

    @PostMapping("/{cartId}/claim")
    @Operation(summary = "Merge a guest cart into the signed-in customer's cart",
            description = "Needs a customer token and the guest cart's X-Cart-Token; quantities add up, capped at "
                    + CartLine.MAX_QUANTITY + " per line; the guest cart is deleted.")
    public Mono<CartJson> claim(@PathVariable UUID cartId,
            @RequestHeader(name = CART_TOKEN, required = false) @Nullable String cartToken,
            @AuthenticationPrincipal @Nullable Jwt token) {
        CustomerId customer = Customers.of(token);
        if (customer == null) {
            return Mono.error(new ApiProblem(ProblemType.UNAUTHORIZED, "Claiming a cart needs a customer token."));
        }
        if (cartToken == null) {
            return Mono.error(notFound(cartId));
        }
        return claimCart.claim(new CartId(cartId), cartToken, customer)
            .map(cart -> CartJson.of(cart, null))
            .switchIfEmpty(Mono.error(() -> notFound(cartId)));
    }

    private Mono<CartJson> change(UUID cartId, @Nullable String cartToken, @Nullable Jwt token,
            ChangeCart.Command command) {
        return changeCart.change(new CartId(cartId), Customers.of(token), cartToken, command)
            .map(outcome -> switch (outcome) {
                case ChangeCart.Outcome.Changed changed -> CartJson.of(changed.cart(), null);
                case ChangeCart.Outcome.Rejected rejected -> throw rejection(rejected.rejection());
            })
            .switchIfEmpty(Mono.error(() -> notFound(cartId)));
    }

    private static ApiProblem rejection(CartRejection rejection) {
        return switch (rejection) {
            case CartRejection.NotForSale notForSale ->
                invalid("sku", notForSale.sku() + " is not for sale in this cart's currency");
            case CartRejection.QuantityOutOfRange range ->
                invalid("quantity", "must be within 1.." + range.max() + " for " + range.sku() + " in total");
            case CartRejection.TooManyLines tooMany ->
                invalid("lines", "a cart holds at most " + tooMany.max() + " lines");
            case CartRejection.PurchaseLimit capped -> new ApiProblem(ProblemType.PURCHASE_LIMIT,
                    "One buyer may have at most " + capped.allowed() + " of " + capped.sku().value()
                            + "; the cart is unchanged.",
                    Map.of("lines", List.of(Map.of("sku", capped.sku().value(), "requested", capped.requested(),
                            "allowed", capped.allowed()))));
        };
    }

    static ApiProblem notFound(UUID cartId) {
        return new ApiProblem(ProblemType.CART_NOT_FOUND, "No cart " + cartId + " for you.", Map.of("cartId", cartId));
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(ProblemType.VALIDATION_FAILED, field + ": " + message,
                Map.of("errors", List.of(new FieldError(field, message))));
    }

    private static CountryCode countryOf(@Nullable String country) {
        try {
            return CountryCode.of(country == null ? "" : country.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw invalid("country", "must be an ISO 3166-1 alpha-2 code such as DE");
        }
    }

    private static Sku skuOf(@Nullable String sku) {
        try {
            return Sku.of(sku == null ? "" : sku);
        }
        catch (IllegalArgumentException e) {
            throw invalid("sku", "must be 2-64 upper-case letters, digits, dashes or underscores");
        }
    }

}
