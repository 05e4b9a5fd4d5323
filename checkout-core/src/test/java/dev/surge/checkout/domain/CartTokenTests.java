package dev.surge.checkout.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CartTokenTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void carriesTwoHundredFiftySixRandomBits() {
        CartToken token = CartToken.random(RANDOM);

        assertThat(token.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token.value())).hasSize(32);
    }

    @Test
    void neverRepeatsARandomToken() {
        Set<String> values = new HashSet<>();
        Set<String> hashes = new HashSet<>();

        IntStream.range(0, 10_000).mapToObj(i -> CartToken.random(RANDOM)).forEach(token -> {
            values.add(token.value());
            hashes.add(token.hash());
        });

        assertThat(values).hasSize(10_000);
        assertThat(hashes).hasSize(10_000);
    }

    @Test
    void isStoredAsItsSha256InHex() {
        // SHA-256("abc"), the FIPS 180-2 test vector
        assertThat(new CartToken("abc").hash())
            .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

        CartToken token = CartToken.random(RANDOM);
        assertThat(token.hash()).hasSize(64).matches("[0-9a-f]+").isNotEqualTo(token.value());
        assertThat(new CartToken(token.value()).hash()).isEqualTo(token.hash());
    }

    @Test
    void opensOnlyWithTheTokenItself() {
        CartToken token = CartToken.random(RANDOM);
        String storedHash = token.hash();

        assertThat(CartToken.matches(token.value(), storedHash)).isTrue();
        assertThat(CartToken.matches(storedHash, storedHash)).as("the stored hash is no key").isFalse();
        assertThat(CartToken.matches(CartToken.random(RANDOM).value(), storedHash)).isFalse();
        assertThat(CartToken.matches(token.value() + "x", storedHash)).isFalse();
        assertThat(CartToken.matches(token.value().substring(1), storedHash)).isFalse();
        assertThat(CartToken.matches(token.value().toUpperCase(), storedHash)).isFalse();
        assertThat(CartToken.matches("", storedHash)).isFalse();
    }

    @Test
    void opensNothingForAnyOtherToken() {
        String storedHash = CartToken.random(RANDOM).hash();

        IntStream.range(0, 1_000)
            .mapToObj(i -> CartToken.random(RANDOM).value())
            .forEach(other -> assertThat(CartToken.matches(other, storedHash)).isFalse());
    }

    @Test
    void hidesItsValueWhenPrinted() {
        CartToken token = CartToken.random(RANDOM);

        assertThat(token.toString()).doesNotContain(token.value())
            .doesNotContain(token.hash())
            .isEqualTo("CartToken[***]");
    }

    @Test
    void acceptsOnlyPrintableTokensWithoutSpaces() {
        for (String bad : new String[] { "", "with space", "tab\there", "x".repeat(101), "caf\u00e9" }) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new CartToken(bad));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new CartToken(null));
    }

}
