package dev.surge.api.web;

import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;

/**
 * The event stream routes, by method and path alone: what makes a request a stream is
 * where it goes, never what its {@code Accept} header asks for (a request could otherwise
 * escape the request timeout by asking for {@code text/event-stream}).
 */
final class EventStreams {

    private static final Pattern ORDER_EVENTS = Pattern.compile("/api/v1/orders/[^/]+/events");

    static final String VENDOR_ORDERS = "/api/v1/vendor/orders/stream";

    private EventStreams() {
    }

    /**
     * Whether {@code path} (or a path template) is an event stream's, for this method.
     */
    static boolean isStream(HttpMethod method, String path) {
        return HttpMethod.GET.equals(method) && (VENDOR_ORDERS.equals(path) || ORDER_EVENTS.matcher(path).matches());
    }

}
