package dev.surge.api.support;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** A vendor's live sub-order stream, as its dashboard opens it. */
public final class VendorStreams {

    public static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
    };

    private VendorStreams() {
    }

    /**
     * The vendor's stream (heartbeats included), resumed after {@code lastEventId} when
     * given.
     */
    public static Flux<ServerSentEvent<String>> open(WebTestClient client, String vendorId,
            @Nullable String lastEventId) {
        WebTestClient.RequestHeadersSpec<?> request = client.get()
            .uri("/api/v1/vendor/orders/stream")
            .headers(headers -> headers.setBearerAuth(tokenFor(client, vendorId)))
            .accept(MediaType.TEXT_EVENT_STREAM);
        if (lastEventId != null) {
            request = request.header("Last-Event-ID", lastEventId);
        }
        return request.exchange().expectStatus().isOk().returnResult(EVENT).getResponseBody();
    }

    /**
     * A demo token of the vendor's owner: the seeded one of a demo vendor, else
     * {@code owner-<vendorId>} (the member a test that makes vendors enrols).
     */
    public static String tokenFor(WebTestClient client, String vendorId) {
        String owner = DemoCatalog.isDemoVendor(vendorId) ? DemoCatalog.ownerOf(vendorId) : "owner-" + vendorId;
        return DemoTokensClient.token(client, Map.of("role", "vendor", "subject", owner, "vendorId", vendorId));
    }

}
