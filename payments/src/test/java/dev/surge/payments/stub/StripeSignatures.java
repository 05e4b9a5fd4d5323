package dev.surge.payments.stub;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signing scheme: {@code Stripe-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "t.payload" with the endpoint secret>}.
 */
public final class StripeSignatures {

    private StripeSignatures() {
    }

    /**
     * The {@code Stripe-Signature} header value for {@code payload} signed at
     * {@code timestamp}.
     */
    public static String header(String secret, String payload, long timestamp) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + payload);
    }

    private static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
        }
    }

}
