package dev.surge.api.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem straight to the response, for the places that run outside controllers
 * and their advice: the security filter chain and the last-resort error handler.
 */
public final class ProblemWriter {

    private final JsonMapper json;

    private final HttpProperties http;

    public ProblemWriter(JsonMapper json, HttpProperties http) {
        this.json = json;
        this.http = http;
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", problem.getType().toString());
        document.put("title", problem.getTitle());
        document.put("status", problem.getStatus());
        document.put("detail", problem.getDetail());
        document.put("instance", problem.getInstance() != null ? problem.getInstance().toString()
                : exchange.getRequest().getPath().value());
        if (problem.getProperties() != null) {
            document.putAll(problem.getProperties());
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()
                && !response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, http.retryAfterSeconds());
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

}
