package dev.surge.api.security;

import dev.surge.api.web.ProblemType;
import dev.surge.api.web.ProblemWriter;
import dev.surge.api.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;

/**
 * 401 and 403 answers of the security filter chain, which runs before any controller
 * advice: the same RFC 9457 shape and slugs as every other error.
 */
final class ProblemResponses {

    private final ProblemWriter writer;

    ProblemResponses(ProblemWriter writer) {
        this.writer = writer;
    }

    ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, failure) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return writer.write(exchange, Problems.of(ProblemType.UNAUTHORIZED,
                    "Send a valid bearer token (Authorization: Bearer <JWT>) for this endpoint."));
        };
    }

    ServerAccessDeniedHandler forbidden() {
        return (exchange, denied) -> writer.write(exchange,
                Problems.of(ProblemType.FORBIDDEN, "Your token's roles do not allow this request."));
    }

}
