package dev.surge.api.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;

/**
 * Writes the limits into the OpenAPI document where they apply, from the same rules the
 * filters follow: {@code 429 rate-limited} on every rate-limited operation (and
 * {@code too-many-payment-attempts} on the payment confirmation, {@code too-many-streams}
 * on the event streams), {@code 503 overloaded} on every write that may be shed, each
 * with its {@code Retry-After} header; and the purchase limits' {@code 409}s at checkout
 * and on cart lines.
 */
public final class LimitsInOpenApi implements OpenApiCustomizer {

    static final String CONFIRM = "/api/v1/orders/{orderId}/payment/confirm";

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            HttpMethod httpMethod = HttpMethod.valueOf(method.name());
            RateLimits.Limit limit = RateLimiting.limitOf(httpMethod, path);
            if (limit != null) {
                add(operation, "429", "`rate-limited`: too many " + limit.slug().replace('-', ' ')
                        + " from this client (its address, or its token's subject); nothing was done");
            }
            if (HttpMethod.POST.equals(httpMethod) && CONFIRM.equals(path)) {
                add(operation, "429",
                        "`rate-limited`: too many confirmations from this client; "
                                + "`too-many-payment-attempts`: too many confirmations of this order (the second time, "
                                + "the order is cancelled: `orderStatus`); nothing was tried");
            }
            if (HttpMethod.POST.equals(httpMethod) && "/api/v1/checkouts".equals(path)) {
                add(operation, "429", "`queued`: a SKU in the cart has a waiting room that has not admitted you yet "
                        + "(`queueToken`, `position`): check out again with header X-Queue-Token after Retry-After");
                add(operation, "409", "`purchase-limit`: some lines would take the buyer past their SKU's per-buyer "
                        + "limit (`lines`: sku, requested, allowed); `too-many-open-orders`: the buyer has as many "
                        + "orders waiting for payment as one buyer may (`allowed`); nothing was reserved");
            }
            if (("/api/v1/carts/{cartId}/lines".equals(path) && HttpMethod.POST.equals(httpMethod))
                    || ("/api/v1/carts/{cartId}/lines/{sku}".equals(path) && HttpMethod.PUT.equals(httpMethod))) {
                add(operation, "409", "`purchase-limit`: the line would hold more than one buyer may have of the SKU "
                        + "(`lines`: sku, requested, allowed); the cart is unchanged");
            }
            if (EventStreams.isStream(httpMethod, path)) {
                add(operation, "429", "`too-many-streams`: this client, or the instance, has as many event streams "
                        + "open as it may");
            }
            if (LoadShedding.isGuarded(httpMethod, path)) {
                add(operation, "503", "`overloaded`: Surge is at its concurrency limit; the request was not started");
            }
        }));
    }

    private static void add(Operation operation, String status, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponse existing = operation.getResponses().get(status);
        if (existing != null) {
            if (existing.getDescription() == null || !existing.getDescription().contains(description)) {
                existing.setDescription(existing.getDescription() == null ? description
                        : existing.getDescription() + "; " + description);
            }
            return;
        }
        ApiResponse response = new ApiResponse().description(description)
            .content(new Content().addMediaType("application/problem+json",
                    new MediaType().schema(new ObjectSchema().description("RFC 9457 problem document"))));
        // A refusal for now (429, 503) says when to come back; a conflict (409) does not.
        if (!"409".equals(status)) {
            response.addHeaderObject("Retry-After",
                    new Header().description("Seconds to wait before trying again").schema(new IntegerSchema()));
        }
        operation.getResponses().addApiResponse(status, response);
    }

}
