package dev.surge.checkout.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of text (UTF-8) or bytes, the one digest Surge stores secrets and keys as and
 * derives validators from.
 */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }

    /** The digest in lower-case hex. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

}
