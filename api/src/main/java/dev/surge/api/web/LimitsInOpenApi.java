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
 * with its {@code Retry-After} header.
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
        operation.getResponses()
            .addApiResponse(status, new ApiResponse().description(description)
                .addHeaderObject("Retry-After",
                        new Header().description("Seconds to wait before trying again").schema(new IntegerSchema()))
                .content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new ObjectSchema().description("RFC 9457 problem document")))));
    }

}
