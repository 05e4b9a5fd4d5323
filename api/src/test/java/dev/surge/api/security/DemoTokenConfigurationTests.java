package dev.surge.api.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The demo runtime, which hands out tokens to anyone, never runs with real settings. */
class DemoTokenConfigurationTests {

    @Test
    void startsWithATestStripeKeyAndNoIdentityProvider() {
        assertThatCode(() -> DemoTokenConfiguration
            .refuseRealSettings(new MockEnvironment().withProperty("surge.payments.stripe.api-key", "sk_test_123")))
            .doesNotThrowAnyException();
    }

    @Test
    void refusesALiveStripeKey() {
        assertThatIllegalStateException()
            .isThrownBy(() -> DemoTokenConfiguration
                .refuseRealSettings(new MockEnvironment().withProperty("surge.payments.stripe.api-key", "sk_live_123")))
            .withMessageContaining("live Stripe key");
        assertThatIllegalStateException().isThrownBy(() -> DemoTokenConfiguration
            .refuseRealSettings(new MockEnvironment().withProperty("surge.payments.stripe.api-key", "rk_live_123")));
    }

    @Test
    void refusesAnIdentityProvider() {
        assertThatIllegalStateException()
            .isThrownBy(() -> DemoTokenConfiguration.refuseRealSettings(new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://id.example.test/")))
            .withMessageContaining("issuer-uri");
        assertThatIllegalStateException()
            .isThrownBy(() -> DemoTokenConfiguration.refuseRealSettings(new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "https://id.example.test/j")));
    }

}
