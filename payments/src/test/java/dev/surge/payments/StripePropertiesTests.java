package dev.surge.payments;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StripePropertiesTests {

    @Test
    void refusesToStartWithoutAnApiKeyAndSaysWhatToSet() {
        StripeProperties noKey = properties(null, Duration.ofSeconds(1), Duration.ofMillis(2800),
                Duration.ofMinutes(5));

        assertThatIllegalStateException().isThrownBy(() -> new PaymentsConfiguration().stripeClient(noKey))
            .withMessageContaining("SURGE_STRIPE_API_KEY");
    }

    @Test
    void requiresStripeJavasOwnTimeoutsToEndWithinTheCallTimeout() {
        assertThatIllegalArgumentException()
            .isThrownBy(
                    () -> properties("sk_test_x", Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMinutes(5)))
            .withMessageContaining("connect-timeout + read-timeout");
    }

    @Test
    void refusesAWebhookToleranceThatWouldSwitchOffTheTimestampCheck() {
        assertThatIllegalArgumentException()
            .isThrownBy(
                    () -> properties("sk_test_x", Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(500)))
            .withMessageContaining("webhook-tolerance");
    }

    private static StripeProperties properties(String apiKey, Duration connect, Duration read, Duration tolerance) {
        return new StripeProperties(apiKey, URI.create("https://api.stripe.com"), "whsec_x", tolerance, connect, read,
                Duration.ofSeconds(4), new StripeProperties.Retry(2, Duration.ofMillis(200), 2, 0.5),
                new StripeProperties.Bulkhead(64),
                new StripeProperties.CircuitBreaker(Duration.ofSeconds(30), 20, 50, 80, Duration.ofSeconds(2),
                        Duration.ofSeconds(10), 5),
                Duration.ofMinutes(5), Duration.ofHours(2), StripeProperties.Connect.defaults());
    }

}
