package dev.surge.api.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTP edge: {@code requestTimeout} bounds each request-response exchange;
 * {@code retryAfter} is what a 503 tells clients to wait before trying again.
 */
@ConfigurationProperties("surge.http")
public record HttpProperties(@DefaultValue("10s") Duration requestTimeout, @DefaultValue("1s") Duration retryAfter) {

    /** The {@code Retry-After} header value: whole seconds, at least one. */
    public String retryAfterSeconds() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }
}
