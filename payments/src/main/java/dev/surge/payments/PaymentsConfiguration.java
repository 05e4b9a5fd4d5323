package dev.surge.payments;

import java.time.Clock;

import com.stripe.StripeClient;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.checkout.port.PayoutAccounts;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payments module's one public entry: the Stripe payment gateway behind its
 * resilience pipeline, webhook verification, and the circuit's health and metrics. The
 * application imports it explicitly.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StripeProperties.class)
public class PaymentsConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentsConfiguration.class);

    @Bean
    StripeClient stripeClient(StripeProperties properties) {
        if (properties.apiKey() == null || properties.apiKey().isBlank()) {
            throw new IllegalStateException("No Stripe API key: set SURGE_STRIPE_API_KEY (a test key sk_test_... "
                    + "for test mode), or run the embedded default, which starts a Stripe stand-in");
        }
        return StripeClient.builder()
            .setApiKey(properties.apiKey())
            .setApiBase(properties.apiBase().toString().replaceAll("/+$", ""))
            .setConnectTimeout((int) properties.connectTimeout().toMillis())
            .setReadTimeout((int) properties.readTimeout().toMillis())
            // Retries belong to the resilience pipeline, which keeps them bounded,
            // observed and idempotent.
            .setMaxNetworkRetries(0)
            .build();
    }

    @Bean
    StripeCalls.Resilience stripeResilience() {
        return StripeCalls.Resilience.ofDefaults();
    }

    @Bean(destroyMethod = "close")
    StripeCalls stripeCalls(StripeProperties properties, StripeCalls.Resilience stripeResilience,
            ObjectProvider<MeterRegistry> meters) {
        return new StripeCalls(properties, stripeResilience, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    PaymentGateway paymentGateway(StripeClient stripeClient, StripeCalls stripeCalls, ObjectProvider<Clock> clock) {
        return new StripePaymentGateway(stripeClient, stripeCalls, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    StripeWebhooks stripeWebhooks(StripeProperties properties, ObjectProvider<Clock> clock) {
        if (properties.webhookSecret() == null || properties.webhookSecret().isBlank()) {
            LOG.warn(
                    "No Stripe webhook signing secret (SURGE_STRIPE_WEBHOOK_SECRET): every webhook will be refused "
                            + "with 400 and payments are learnt only by reconciliation, every {}",
                    properties.reconcileInterval());
        }
        return new StripeWebhooks(properties.webhookSecret(), properties.connect().webhookSecret(),
                properties.webhookTolerance(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    PayoutAccounts payoutAccounts(StripeClient stripeClient, StripeCalls stripeCalls, StripeProperties properties) {
        return new StripePayoutAccounts(stripeClient, stripeCalls, properties.connect());
    }

    @Bean
    PaymentsHealth paymentsHealthIndicator(StripeCalls stripeCalls) {
        return new PaymentsHealth(stripeCalls.circuitBreaker());
    }

    /**
     * Circuit state, retries, bulkhead and time-limiter figures as resilience4j_* meters.
     */
    @Bean
    MeterBinder stripeResilienceMetrics(StripeCalls.Resilience stripeResilience) {
        return registry -> {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(stripeResilience.circuitBreakers()).bindTo(registry);
            TaggedRetryMetrics.ofRetryRegistry(stripeResilience.retries()).bindTo(registry);
            TaggedBulkheadMetrics.ofBulkheadRegistry(stripeResilience.bulkheads()).bindTo(registry);
            TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(stripeResilience.timeLimiters()).bindTo(registry);
        };
    }

}
