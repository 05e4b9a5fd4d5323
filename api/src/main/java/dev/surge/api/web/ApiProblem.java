package dev.surge.api.web;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;

/**
 * A problem a handler answers with instead of a result: thrown (or emitted as an error
 * signal) at the HTTP edge and turned into {@code application/problem+json} by
 * {@link ApiProblemHandler}, in one place.
 */
public final class ApiProblem extends RuntimeException {

    private final ProblemType type;

    private final Map<String, Object> extensions;

    private final @Nullable Duration retryAfter;

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ApiProblem(ProblemType type, String detail, Map<String, Object> extensions) {
        this(type, detail, extensions, null);
    }

    /** {@code retryAfter}: when trying again may succeed, sent as {@code Retry-After}. */
    public ApiProblem(ProblemType type, String detail, Map<String, Object> extensions, @Nullable Duration retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.extensions = Map.copyOf(extensions);
        this.retryAfter = retryAfter;
    }

    /**
     * The {@code Retry-After} value this problem asks for, in whole seconds rounded up
     * (at least one, RFC 9110 has no fractions); empty when it names no time of its own.
     */
    public @Nullable String retryAfterSeconds() {
        return retryAfter == null ? null : retryAfterSeconds(retryAfter);
    }

    static String retryAfterSeconds(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
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
