package dev.surge.api.web;

import java.util.Map;
import org.springframework.http.ProblemDetail;

/**
 * A problem a handler answers with instead of a result: thrown (or emitted as an error
 * signal) at the HTTP edge and turned into {@code application/problem+json} by
 * {@link ApiProblemHandler}, in one place.
 */
public final class ApiProblem extends RuntimeException {

    private final ProblemType type;

    private final Map<String, Object> extensions;

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ApiProblem(ProblemType type, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.extensions = Map.copyOf(extensions);
    }

    public ProblemType type() {
        return type;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = Problems.of(type, getMessage());
        extensions.forEach(problem::setProperty);
        return problem;
    }

}
