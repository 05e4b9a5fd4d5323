package dev.surge.checkout.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * A secret that opens one guest cart (or, as an order token, one guest order): 256 random
 * bits, handed to the client once. Only its SHA-256 hash is stored; a presented token is
 * checked by hashing it and comparing in constant time.
 */
public record CartToken(String value) {

    private static final int BYTES = 32;

    public CartToken {
        Text.requireToken(value, "token", 100);
    }

    /**
     * A fresh token from {@code random}, which must be a cryptographically strong
     * generator.
     */
    public static CartToken random(RandomGenerator random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new CartToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The hex SHA-256 of the token, which is all that is stored. */
    public String hash() {
        return Sha256.hex(value);
    }

    /**
     * Whether {@code presented} is the token whose hash is {@code storedHash}, in
     * constant time.
     */
    public static boolean matches(String presented, String storedHash) {
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = Sha256.hex(presented).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    @Override
    public String toString() {
        return "CartToken[***]";
    }

}
