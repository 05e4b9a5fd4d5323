package dev.surge.payments.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stand-in in a JVM of its own, as benchmarks run it: it answers over HTTP with the
 * latency it was given and sends its webhooks, signed with the secret it hands out, to
 * the endpoint it was given.
 */
class StripeStubProcessIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersLateAndSendsSignedWebhooksFromItsOwnProcess() throws Exception {
        BlockingQueue<String[]> received = new ArrayBlockingQueue<>(16);
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        endpoint.createContext("/hooks", exchange -> {
            received.add(new String[] { new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Stripe-Signature") });
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
        URI hooks = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hooks");
        try (var stub = StripeStubProcess.start(hooks, Set.of("payment_intent.succeeded"), Duration.ofMillis(300))) {
            assertThat(stub.pid()).isNotEqualTo(ProcessHandle.current().pid());

            long started = System.nanoTime();
            HttpResponse<String> created = post(stub, "/v1/payment_intents", "amount=1000&currency=eur");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String id = JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsString();
            HttpResponse<String> confirmed = post(stub, "/v1/payment_intents/" + id + "/confirm",
                    "payment_method=pm_card_visa");

            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(confirmed.statusCode()).isEqualTo(200);
            assertThat(JsonParser.parseString(confirmed.body()).getAsJsonObject().get("status").getAsString())
                .isEqualTo("succeeded");
            String[] delivery = received.poll(20, TimeUnit.SECONDS);
            assertThat(delivery).isNotNull();
            assertThat(Webhook.constructEvent(delivery[0], delivery[1], stub.webhookSecret()).getType())
                .isEqualTo("payment_intent.succeeded");
        }
        finally {
            endpoint.stop(0);
        }
    }

    private HttpResponse<String> post(StripeStubProcess stub, String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(stub.apiBase().resolve(path))
            .header("Authorization", "Bearer " + stub.apiKey())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

}
