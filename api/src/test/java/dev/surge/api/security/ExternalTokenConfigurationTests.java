package dev.surge.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/** What external mode accepts as token settings. */
class ExternalTokenConfigurationTests {

    @Test
    void allowsRs256ByDefaultAndAsymmetricAlgorithmsOnly() {
        assertThat(ExternalTokenConfiguration.algorithms(List.of())).containsExactly(SignatureAlgorithm.RS256);
        assertThat(ExternalTokenConfiguration.algorithms(List.of("ES256", "PS256")))
            .containsExactly(SignatureAlgorithm.ES256, SignatureAlgorithm.PS256);
        assertThatIllegalStateException().isThrownBy(() -> ExternalTokenConfiguration.algorithms(List.of("HS256")));
        assertThatIllegalStateException().isThrownBy(() -> ExternalTokenConfiguration.algorithms(List.of("none")));
    }

    @Test
    void boundsTheLeeway() {
        assertThatIllegalStateException().isThrownBy(() -> ExternalTokenConfiguration
            .validator("https://id.example.test/", List.of("surge-api"), Duration.ofMinutes(6)));
        assertThatIllegalStateException().isThrownBy(() -> ExternalTokenConfiguration
            .validator("https://id.example.test/", List.of("surge-api"), Duration.ofSeconds(-1)));
    }

}
