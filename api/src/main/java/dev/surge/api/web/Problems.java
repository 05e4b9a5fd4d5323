package dev.surge.api.web;

import java.util.List;
import org.springframework.http.ProblemDetail;

/**
 * Builds the problem documents; the single place a type's URI, title and status come
 * together.
 */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    /** A 500 that names the request id to quote, and nothing of the failure itself. */
    public static ProblemDetail internalError(String requestId) {
        ProblemDetail problem = of(ProblemType.INTERNAL_ERROR,
                "Something went wrong on our side. Quote request id " + requestId + " when reporting it.");
        problem.setProperty("requestId", requestId);
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
