package dev.surge.api.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The embedded/demo runtime's own token issuer: an RSA key generated at start-up (never
 * stored, so tokens die with the process) signs the tokens of
 * {@code POST /api/v1/dev/tokens} and verifies incoming ones.
 */
@Configuration(proxyBeanMethods = false)
@Profile(DemoTokenConfiguration.PROFILE)
public class DemoTokenConfiguration {

    public static final String PROFILE = "demo";

    static final String ISSUER = "surge-demo";

    private final RSAKey key = generateKey();

    /**
     * The demo runtime hands out operator tokens to anyone who asks: it refuses to start
     * where it could touch real money or stand in for a real identity provider.
     */
    public DemoTokenConfiguration(Environment environment) {
        refuseRealSettings(environment);
    }

    static void refuseRealSettings(Environment environment) {
        String stripeKey = environment.getProperty("surge.payments.stripe.api-key", "");
        if (stripeKey.startsWith("sk_live_") || stripeKey.startsWith("rk_live_")) {
            throw new IllegalStateException("The demo profile issues tokens to anyone and must never run with a "
                    + "live Stripe key: use a test key (sk_test_...), or start without the demo profile");
        }
        for (String issuer : new String[] { "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri" }) {
            if (!environment.getProperty(issuer, "").isBlank()) {
                throw new IllegalStateException("The demo profile issues its own tokens, yet " + issuer
                        + " names an identity provider: start without the demo profile to use it");
            }
        }
    }

    @Bean
    ReactiveJwtDecoder demoJwtDecoder() throws com.nimbusds.jose.JOSEException {
        RSAPublicKey publicKey = key.toRSAPublicKey();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(publicKey).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
        return decoder;
    }

    @Bean
    DemoTokens demoTokens() {
        return new DemoTokens(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))), ISSUER, Clock.systemUTC());
    }

    private static RSAKey generateKey() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no RSA key generator", e);
        }
    }

}
