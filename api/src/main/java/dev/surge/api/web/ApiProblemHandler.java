package dev.surge.api.web;

import dev.surge.api.web.Problems.FieldError;
import dev.surge.checkout.port.ConcurrentCartUpdate;
import dev.surge.checkout.port.ConcurrentOrderUpdate;
import dev.surge.checkout.port.InventoryUnavailable;
import dev.surge.checkout.port.PaymentRequestRefused;
import dev.surge.checkout.port.PaymentUnavailable;
import java.util.ArrayList;
import java.util.concurrent.TimeoutException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The one mapping from failures to RFC 9457 answers. Framework exceptions keep their
 * status but get Surge's stable {@code type} slugs and, for invalid input, the offending
 * fields under {@code errors}; an {@link ApiProblem} is answered as it says; anything
 * unexpected becomes a 500 that names the request id to quote, never the internals.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblemHandler.class);

    private final HttpProperties http;

    public ApiProblemHandler(HttpProperties http) {
        this.http = http;
    }

    @ExceptionHandler(ApiProblem.class)
    public Mono<ResponseEntity<Object>> handleApiProblem(ApiProblem problem, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        if (problem.retryAfterSeconds() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds());
        }
        else if (problem.type().status() == HttpStatus.SERVICE_UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, http.retryAfterSeconds());
        }
        return handleExceptionInternal(problem, problem.toProblemDetail(), headers, problem.type().status(), exchange);
    }

    /**
     * A dependency (Redis, PostgreSQL) failed or did not answer in time: nothing is known
     * to have changed, so the client may retry; 503 with Retry-After.
     */
    @ExceptionHandler({ InventoryUnavailable.class, TransientDataAccessException.class,
            DataAccessResourceFailureException.class, TimeoutException.class })
    public Mono<ResponseEntity<Object>> handleUnavailable(Exception failure, ServerWebExchange exchange) {
        LOG.warn("Answering 503 to {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                failure.toString());
        return handleApiProblem(
                new ApiProblem(ProblemType.SERVICE_UNAVAILABLE,
                        "A service Surge depends on is unavailable right now; nothing was changed. Try again shortly."),
                exchange);
    }

    /**
     * Stripe could not be used (circuit open, timeout, failures): the call's outcome may
     * be unknown, but a retry with the same ids can never charge twice; 503 with the
     * Retry-After the circuit breaker suggests.
     */
    @ExceptionHandler(PaymentUnavailable.class)
    public Mono<ResponseEntity<Object>> handlePaymentUnavailable(PaymentUnavailable failure,
            ServerWebExchange exchange) {
        LOG.warn("Answering 503 payment-unavailable to {} {}: {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), failure.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, ApiProblem.retryAfterSeconds(failure.retryAfter()));
        ApiProblem problem = new ApiProblem(ProblemType.PAYMENT_UNAVAILABLE,
                "The payment provider is unavailable right now. Trying again is safe: nothing is ever charged twice.");
        return handleExceptionInternal(problem, problem.toProblemDetail(), headers, problem.type().status(), exchange);
    }

    /**
     * Another request changed the order first; reading it again shows where it stands.
     */
    @ExceptionHandler(ConcurrentOrderUpdate.class)
    public Mono<ResponseEntity<Object>> handleOrderConflict(ConcurrentOrderUpdate conflict,
            ServerWebExchange exchange) {
        return handleApiProblem(
                new ApiProblem(ProblemType.ORDER_STATE_CONFLICT,
                        "The order changed while this request was handled; read it again and retry if still needed."),
                exchange);
    }

    /** The cart kept changing under a change (many racing requests); retrying is safe. */
    @ExceptionHandler(ConcurrentCartUpdate.class)
    public Mono<ResponseEntity<Object>> handleCartConflict(ConcurrentCartUpdate conflict, ServerWebExchange exchange) {
        return handleApiProblem(new ApiProblem(ProblemType.SERVICE_UNAVAILABLE,
                "The cart is being changed by other requests right now; try again shortly."), exchange);
    }

    /**
     * Stripe refused the request itself (for example refunding more than was paid): the
     * payment's state does not allow it; retrying will not help.
     */
    @ExceptionHandler(PaymentRequestRefused.class)
    public Mono<ResponseEntity<Object>> handlePaymentRefused(PaymentRequestRefused refused,
            ServerWebExchange exchange) {
        return handleApiProblem(new ApiProblem(ProblemType.PAYMENT_REFUSED,
                "The payment provider refused this request: " + refused.getMessage(),
                Map.of("providerCode", refused.code())), exchange);
    }

    /**
     * Bugs and errors (BlockHound's included): logged in full, answered with the request
     * id only.
     */
    @ExceptionHandler(Throwable.class)
    public Mono<ResponseEntity<Object>> handleUnexpected(Throwable failure, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.unexpected(exchange, failure);
        return Mono.just(ResponseEntity.status(problem.getStatus())
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(problem));
    }

    /**
     * Gives framework-raised problems Surge's types and field errors; ours pass through
     * untouched.
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception failure, @Nullable Object body,
            @Nullable HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (failure instanceof ApiProblem) {
            return super.handleExceptionInternal(failure, body, headers, status, exchange);
        }
        ProblemDetail problem = retyped(failure, status);
        return super.handleExceptionInternal(failure, problem, headers, status, exchange);
    }

    private static ProblemDetail retyped(Exception failure, HttpStatusCode status) {
        return switch (failure) {
            case WebExchangeBindException bind -> Problems.validation(bind.getFieldErrors()
                .stream()
                .map(error -> new FieldError(error.getField(), message(error)))
                .toList());
            case HandlerMethodValidationException validation -> Problems.validation(fieldErrors(validation));
            case MissingRequestValueException missing -> Problems
                .validation(List.of(new FieldError(missing.getName(), "is required (" + missing.getLabel() + ")")));
            case ServerWebInputException input when input.getCause() instanceof TypeMismatchException mismatch ->
                Problems.validation(List.of(new FieldError(parameterName(input, mismatch), "must be a valid "
                        + (mismatch.getRequiredType() == null ? "value" : typeName(mismatch.getRequiredType())))));
            case ServerWebInputException input -> Problems.of(ProblemType.MALFORMED_REQUEST, malformedDetail(input));
            default -> {
                ProblemType type = ProblemType.forStatus(status.value());
                // Framework details of client errors are safe and useful ("Supported
                // methods: [GET]");
                // those of server errors may describe internals, so they stay in the log.
                String detail = !status.is5xxServerError() && failure instanceof ErrorResponse response
                        && response.getBody().getDetail() != null ? response.getBody().getDetail() : type.title();
                if (status.is5xxServerError()) {
                    LOG.error("Server error {}", status, failure);
                }
                yield Problems.of(type, detail);
            }
        };
    }

    private static List<FieldError> fieldErrors(HandlerMethodValidationException validation) {
        List<FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : validation.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(new FieldError(name == null ? "parameter" : name, message(error)));
            }
        }
        return errors;
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String parameterName(ServerWebInputException input, TypeMismatchException mismatch) {
        if (input.getMethodParameter() != null && input.getMethodParameter().getParameterName() != null) {
            return input.getMethodParameter().getParameterName();
        }
        return mismatch.getPropertyName() == null ? "parameter" : mismatch.getPropertyName();
    }

    private static String typeName(Class<?> type) {
        return type == java.util.UUID.class ? "UUID" : type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String malformedDetail(ServerWebInputException input) {
        if (input.getCause() instanceof DecodingException) {
            return "The request body is not valid JSON for this endpoint.";
        }
        String reason = input.getReason();
        return reason == null ? "The request could not be read." : reason;
    }

}
