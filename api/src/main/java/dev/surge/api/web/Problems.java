package dev.surge.api.web;

import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;

/**
 * Builds the problem documents; the single place a type's URI, title and status come
 * together.
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    /**
     * Logs an unexpected failure in full and answers a 500 that names the request id to
     * quote, and nothing of the failure itself.
     */
    public static ProblemDetail unexpected(ServerWebExchange exchange, Throwable failure) {
        String requestId = exchange.getRequest().getId();
        LOG.error("Unexpected failure answering {} {} (request {})", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), requestId, failure);
        ProblemDetail problem = of(ProblemType.INTERNAL_ERROR,
                "Something went wrong on our side. Quote request id " + requestId + " when reporting it.");
        problem.setProperty("requestId", requestId);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return problem;
    }

    /**
     * A {@code validation-failed} problem listing each offending field with a message a
     * person can act on.
     */
    public static ProblemDetail validation(List<FieldError> errors) {
        ProblemDetail problem = of(ProblemType.VALIDATION_FAILED,
                errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                        : errors.size() + " fields are invalid; see errors");
        problem.setProperty("errors", errors);
        return problem;
    }

    /**
     * One invalid input: the request field, parameter or header it came in, and what is
     * wrong with it.
     */
    public record FieldError(String field, String message) {
    }

}
