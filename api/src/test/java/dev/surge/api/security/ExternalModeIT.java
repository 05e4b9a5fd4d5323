package dev.surge.api.security;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.surge.api.support.SurgeIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Outside the embedded/demo runtime: no seeded catalog, no token issuer, and bearer
 * tokens from an identity provider, checked against its JWK set (served here on the
 * loopback), its issuer, Surge's audience, the allowed algorithms and the token's
 * lifetime with a 30 s leeway. The JWT matrix: every forged, expired, early, foreign or
 * misdirected token answers 401; the genuine one, and one expired within the leeway,
 * pass.
 */
@SurgeIntegrationTest
class ExternalModeIT {

    private static final String ISSUER = "https://id.example.test/";

    private static final String AUDIENCE = "surge-api";

    private static final RSAKey KEY = rsaKey("provider-key");

    private static final RSAKey FOREIGN_KEY = rsaKey("foreign-key");

    private static final DisposableServer JWKS = HttpServer.create()
        .host("127.0.0.1")
        .port(0)
        .route(routes -> routes.get("/jwks",
                (request, response) -> response.header(HttpHeaders.CONTENT_TYPE, "application/json")
                    .sendString(Mono.just(new JWKSet(KEY.toPublicJWK()).toString()))))
        .bindNow();

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.port() + "/jwks");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
    }

    @AfterAll
    static void stopJwks() {
        JWKS.disposeNow();
    }

    @Autowired
    WebTestClient client;

    @Test
    void hasNoTokenEndpoint() {
        expectProblem(client.post()
            .uri("/api/v1/dev/tokens")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("role", "operator"))
            .exchange(), 404, "not-found");
    }

    @Test
    void seedsNoDemoCatalog() {
        client.get()
            .uri("/api/v1/products")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.items")
            .isEmpty()
            .jsonPath("$.nextCursor")
            .isEqualTo(null);
    }

    @Test
    void stillRequiresATokenForProtectedPaths() {
        expectProblem(client.get().uri("/api/v1/vendor/orders").exchange(), 401, "unauthorized");
    }

    @Test
    void letsOnlyOperatorsReadTheMetrics() {
        expectProblem(client.get().uri("/actuator/prometheus").exchange(), 401, "unauthorized");
        assertThat(statusWith(signed(KEY, claims -> {
        }), "/actuator/prometheus")).as("a customer").isEqualTo(403);
        assertThat(
                statusWith(signed(KEY, claims -> claims.claim("roles", List.of("operator"))), "/actuator/prometheus"))
            .as("an operator")
            .isEqualTo(200);
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void acceptsTheProvidersTokensAndOnesExpiredWithinTheLeeway() {
        assertThat(statusWith(signed(KEY, claims -> {
        }))).as("genuine").isEqualTo(200);
        assertThat(statusWith(signed(KEY,
                claims -> claims.issueTime(ago(Duration.ofMinutes(5))).expirationTime(ago(Duration.ofSeconds(10))))))
            .as("expired 10 s ago, within the 30 s leeway")
            .isEqualTo(200);
    }

    @Test
    void refusesEveryTokenOfTheMatrix() throws JOSEException {
        Map<String, String> matrix = new LinkedHashMap<>();
        matrix.put("alg=none", new PlainJWT(claims(claims -> {
        })).serialize());
        matrix.put("HS256 signed with the provider's public key", hmacWithPublicKey());
        matrix.put("expired 5 min ago", signed(KEY,
                claims -> claims.issueTime(ago(Duration.ofMinutes(10))).expirationTime(ago(Duration.ofMinutes(5)))));
        matrix.put("nbf 5 min ahead", signed(KEY, claims -> claims.notBeforeTime(ago(Duration.ofMinutes(-5)))));
        matrix.put("no expiry", signed(KEY, claims -> claims.expirationTime(null)));
        matrix.put("another issuer", signed(KEY, claims -> claims.issuer("https://evil.example.test/")));
        matrix.put("another audience", signed(KEY, claims -> claims.audience("other-service")));
        matrix.put("no audience", signed(KEY, claims -> claims.audience((String) null)));
        matrix.put("signed by a foreign key", signed(FOREIGN_KEY, claims -> {
        }));
        matrix.put("foreign kid, provider's signature", signedAs("foreign-key", KEY));
        matrix.put("payload tampered (roles raised to operator)", tampered());
        matrix.put("not a JWT", "not.a.jwt");

        Map<String, Integer> answers = new LinkedHashMap<>();
        matrix.forEach((what, token) -> answers.put(what, statusWith(token)));

        assertThat(answers).as("every forged or misdirected token")
            .allSatisfy((what, status) -> assertThat(status).as(what).isEqualTo(401));
    }

    private int statusWith(String token) {
        return statusWith(token, "/api/v1/orders");
    }

    private int statusWith(String token, String path) {
        return client.get()
            .uri(path)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .exchange()
            .returnResult(Void.class)
            .getStatus()
            .value();
    }

    private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
        var claims = new JWTClaimsSet.Builder().subject("external-customer")
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .claim("roles", List.of("customer"))
            .issueTime(ago(Duration.ZERO))
            .expirationTime(ago(Duration.ofMinutes(-5)));
        change.accept(claims);
        return claims.build();
    }

    private static String signed(RSAKey key, Consumer<JWTClaimsSet.Builder> change) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims(change), key);
    }

    private static String signedAs(String kid, RSAKey key) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims(claims -> {
        }), key);
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The classic key confusion: the public key, known to all, used as an HMAC secret.
     */
    private static String hmacWithPublicKey() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(),
                claims(claims -> {
                }));
        jwt.sign(new MACSigner(KEY.toRSAPublicKey().getEncoded()));
        return jwt.serialize();
    }

    private static String tampered() {
        String[] parts = signed(KEY, claims -> {
        }).split("\\.");
        String raised = Base64URL.encode(claims(claims -> claims.claim("roles", List.of("operator"))).toString())
            .toString();
        return parts[0] + "." + raised + "." + parts[2];
    }

    private static Date ago(Duration duration) {
        return Date.from(Instant.now().minus(duration));
    }

    private static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

}
