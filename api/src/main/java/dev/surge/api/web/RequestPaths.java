package dev.surge.api.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.UriUtils;

/**
 * The path a request is routed by: decoded, as the handler mappings and Spring Security
 * match it. Filters that classify requests by path must read this one, or
 * {@code /api/v1/%63heckouts} would reach the checkout handler past a filter that looks
 * for {@code /api/v1/checkouts}. (Encoded slashes, percents and dots are refused before
 * any of them by Spring Security's firewall.)
 */
final class RequestPaths {

    private RequestPaths() {
    }

    static String routed(ServerHttpRequest request) {
        return UriUtils.decode(request.getPath().pathWithinApplication().value(), StandardCharsets.UTF_8);
    }

}
