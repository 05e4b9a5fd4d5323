package dev.surge.payments;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.PaymentRequest;
import dev.surge.checkout.domain.PaymentSplit;
import dev.surge.payments.stub.StripeStub;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The adapter wired as the application wires it, talking to a Stripe stub over HTTP, with
 * settings a test may tighten (short timeouts, small windows).
 */
final class StripeFixture implements AutoCloseable {

    final StripeStub stub;

    final StripeProperties properties;

    final StripeCalls calls;

    final StripePaymentGateway gateway;

    final StripePayoutAccounts payoutAccounts;

    private StripeFixture(StripeStub stub, StripeProperties properties) {
        this.stub = stub;
        this.properties = properties;
        PaymentsConfiguration configuration = new PaymentsConfiguration();
        this.calls = new StripeCalls(properties, StripeCalls.Resilience.ofDefaults(), new SimpleMeterRegistry());
        var client = configuration.stripeClient(properties);
        this.gateway = new StripePaymentGateway(client, calls, Clock.systemUTC());
        this.payoutAccounts = new StripePayoutAccounts(client, calls, properties.connect());
    }

    static StripeFixture start() {
        return start(settings -> settings);
    }

    static StripeFixture start(UnaryOperator<Settings> tuning) {
        StripeStub stub = StripeStub.start();
        Settings settings = tuning.apply(Settings.defaults());
        StripeProperties properties = new StripeProperties(stub.apiKey(), stub.apiBase(), stub.webhooks().secret(),
                Duration.ofMinutes(5), settings.connectTimeout(), settings.readTimeout(), settings.callTimeout(),
                new StripeProperties.Retry(settings.maxAttempts(), Duration.ofMillis(20), 2, 0.5),
                new StripeProperties.Bulkhead(settings.maxConcurrentCalls()),
                new StripeProperties.CircuitBreaker(Duration.ofSeconds(10), settings.minimumCalls(), 50, 100,
                        Duration.ofSeconds(10), settings.waitInOpen(), 2),
                Duration.ofMinutes(5), Duration.ofHours(2), StripeProperties.Connect.defaults());
        return new StripeFixture(stub, properties);
    }

    static PaymentRequest platformCharge(long minor, String currency) {
        return new PaymentRequest(new OrderId(UUID.randomUUID()), Money.of(minor, currency), "ada@example.com",
                new PaymentSplit.SeparateTransfers());
    }

    @Override
    public void close() {
        calls.close();
        stub.close();
    }

    /** The settings resilience tests tune; the rest stay at production-like values. */
    record Settings(Duration callTimeout, Duration readTimeout, int maxAttempts, int maxConcurrentCalls,
            int minimumCalls, Duration waitInOpen) {

        /**
         * What is left of the call timeout for connecting, once reading has its share.
         */
        Duration connectTimeout() {
            Duration left = callTimeout.minus(readTimeout);
            return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
        }

        static Settings defaults() {
            return new Settings(Duration.ofSeconds(4), Duration.ofMillis(2800), 3, 16, 20, Duration.ofSeconds(10));
        }

        Settings callTimeout(Duration timeout, Duration read) {
            return new Settings(timeout, read, maxAttempts, maxConcurrentCalls, minimumCalls, waitInOpen);
        }

        Settings maxAttempts(int attempts) {
            return new Settings(callTimeout, readTimeout, attempts, maxConcurrentCalls, minimumCalls, waitInOpen);
        }

        Settings maxConcurrentCalls(int calls) {
            return new Settings(callTimeout, readTimeout, maxAttempts, calls, minimumCalls, waitInOpen);
        }

        Settings circuit(int minimum, Duration open) {
            return new Settings(callTimeout, readTimeout, maxAttempts, maxConcurrentCalls, minimum, open);
        }

    }

}
