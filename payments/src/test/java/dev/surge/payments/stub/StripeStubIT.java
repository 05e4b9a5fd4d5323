package dev.surge.payments.stub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The stub's own contract, over raw HTTP: what stripe-java relies on Stripe to do. */
class StripeStubIT {

    private StripeStub stub;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        stub = StripeStub.start();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void replaysTheStoredAnswerForTheSameKeyAndParameters() throws Exception {
        HttpResponse<String> first = post("/v1/payment_intents", "amount=1000&currency=eur", "key-1",
                StripeStub.API_KEY);
        HttpResponse<String> again = post("/v1/payment_intents", "currency=eur&amount=1000", "key-1",
                StripeStub.API_KEY);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(stub.ledger().paymentIntentCount()).isOne();
    }

    @Test
    void refusesTheSameKeyWithOtherParametersInStripesErrorFormat() throws Exception {
        post("/v1/payment_intents", "amount=1000&currency=eur", "key-2", StripeStub.API_KEY);

        HttpResponse<String> reused = post("/v1/payment_intents", "amount=2000&currency=eur", "key-2",
                StripeStub.API_KEY);

        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("\"type\":\"idempotency_error\"");
        assertThat(stub.ledger().paymentIntentCount()).isOne();
    }

    @Test
    void keepsNoAnswerForParametersThatFailedValidation() throws Exception {
        assertThat(post("/v1/payment_intents", "currency=eur", "key-5", StripeStub.API_KEY).statusCode())
            .isEqualTo(400);

        HttpResponse<String> corrected = post("/v1/payment_intents", "amount=1000&currency=eur", "key-5",
                StripeStub.API_KEY);

        assertThat(corrected.statusCode()).isEqualTo(200);
        assertThat(stub.ledger().paymentIntentCount()).isOne();
    }

    @Test
    void replaysAFailureThatHappenedWhileExecuting() throws Exception {
        stub.faults().failNextWhileExecuting(1);

        HttpResponse<String> failed = post("/v1/payment_intents", "amount=1000&currency=eur", "key-6",
                StripeStub.API_KEY);
        HttpResponse<String> retried = post("/v1/payment_intents", "amount=1000&currency=eur", "key-6",
                StripeStub.API_KEY);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(retried.statusCode()).isEqualTo(500);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(stub.ledger().paymentIntentCount()).isZero();
    }

    @Test
    void answersUnauthorizedForAnotherKeyAndNotFoundForUnknownObjects() throws Exception {
        assertThat(post("/v1/payment_intents", "amount=1000&currency=eur", "key-3", "sk_test_wrong").statusCode())
            .isEqualTo(401);
        HttpResponse<String> missing = http
            .send(HttpRequest.newBuilder(stub.apiBase().resolve("/v1/payment_intents/pi_nope"))
                .header("Authorization", "Bearer " + StripeStub.API_KEY)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("resource_missing");
    }

    @Test
    void validatesParametersAsStripeDoes() throws Exception {
        HttpResponse<String> noAmount = post("/v1/payment_intents", "currency=eur", "key-4", StripeStub.API_KEY);

        assertThat(noAmount.statusCode()).isEqualTo(400);
        assertThat(noAmount.body()).contains("parameter_missing").contains("\"param\":\"amount\"");
    }

    private HttpResponse<String> post(String path, String form, String key, String apiKey)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stub.apiBase() + path))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

}
