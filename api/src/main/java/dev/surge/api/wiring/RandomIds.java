package dev.surge.api.wiring;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Random ids and secrets without blocking an event loop: one DRBG generator, seeded from
 * the operating system once at start-up, then pure computation ({@code UUID.randomUUID()}
 * reads {@code /dev/urandom} on the calling thread).
 */
final class RandomIds implements Supplier<UUID> {

    private final SecureRandom random;

    RandomIds() {
        try {
            this.random = SecureRandom.getInstance("DRBG");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's DRBG SecureRandom is missing", e);
        }
        // Seeds now, on the starting thread, so no request ever waits for entropy.
        random.nextBytes(new byte[32]);
    }

    SecureRandom secureRandom() {
        return random;
    }

    /** A version 4 UUID. */
    @Override
    public UUID get() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[8 + i] & 0xff);
        }
        return new UUID(most, least);
    }

}
