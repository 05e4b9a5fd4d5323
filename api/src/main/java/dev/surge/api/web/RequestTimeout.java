package dev.surge.api.web;

import java.time.Duration;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Bounds every request-response exchange, so a stuck dependency answers
 * {@code 503 service-unavailable} with {@code Retry-After} instead of holding the
 * connection. Event streams are long-lived by design and exempt: the stream routes, by
 * method and path, never a request that merely asks for {@code text/event-stream}.
 */
public final class RequestTimeout implements WebFilter {

    private final Duration timeout;

    public RequestTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (EventStreams.isStream(exchange.getRequest().getMethod(), RequestPaths.routed(exchange.getRequest()))) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange)
            .timeout(timeout,
                    Mono.error(() -> new ApiProblem(ProblemType.SERVICE_UNAVAILABLE,
                            "The request took longer than " + timeout.toMillis() + " ms; try again shortly.",
                            java.util.Map.of())));
    }

}
