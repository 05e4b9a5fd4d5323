package dev.surge.api.web;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers failures that never reach a controller's advice (a failing web filter, say)
 * with a problem document too, instead of Spring Boot's default JSON error. Ordered
 * before Boot's own handler.
 */
@Order(-2)
public final class LastResortProblemHandler implements WebExceptionHandler {

    private final ProblemWriter writer;

    public LastResortProblemHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ProblemDetail problem;
        if (failure instanceof ApiProblem apiProblem) {
            problem = apiProblem.toProblemDetail();
            if (apiProblem.retryAfterSeconds() != null && !exchange.getResponse().isCommitted()) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, apiProblem.retryAfterSeconds());
            }
        }
        else if (failure instanceof ResponseStatusException status && !status.getStatusCode().is5xxServerError()) {
            ProblemType type = ProblemType.forStatus(status.getStatusCode().value());
            problem = Problems.of(type, status.getReason() == null ? type.title() : status.getReason());
        }
        else {
            problem = Problems.unexpected(exchange, failure);
        }
        return writer.write(exchange, problem);
    }

}
