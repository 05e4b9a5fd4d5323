package dev.surge.api.persistence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.surge.checkout.domain.OrderId;
import dev.surge.checkout.domain.PlacedOrder;
import dev.surge.checkout.domain.Sha256;
import dev.surge.checkout.port.CheckoutRequests;
import dev.surge.checkout.port.Orders;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Checkout idempotency keys in PostgreSQL ({@code checkout_requests}). The key is stored
 * as its SHA-256 only; the guest's order token, needed to replay the first answer, is
 * kept sealed (AES-GCM) with a key derived from the Idempotency-Key itself, so the
 * database alone never reveals a token.
 */
public class R2dbcCheckoutRequests implements CheckoutRequests {

    private static final String CLAIM = """
            INSERT INTO checkout_requests (key_hash, fingerprint, order_id, order_token_sealed, locked_until,
                                           expires_at)
            VALUES (:key, :fingerprint, :orderId, :sealed, now() + :lease * interval '1 millisecond',
                    now() + interval '24 hours')
            ON CONFLICT (key_hash) DO UPDATE
                SET fingerprint = EXCLUDED.fingerprint, order_id = EXCLUDED.order_id,
                    order_token_sealed = EXCLUDED.order_token_sealed, locked_until = EXCLUDED.locked_until,
                    created_at = now(), expires_at = EXCLUDED.expires_at, attempt = 1, done = false
                WHERE checkout_requests.expires_at < now()
            RETURNING order_id, attempt
            """;

    private static final String EXISTING = """
            SELECT r.fingerprint, r.order_id, r.order_token_sealed, r.locked_until < now() AS lapsed, r.done,
                   r.attempt
            FROM checkout_requests r WHERE r.key_hash = :key
            """;

    /**
     * The next attempt: the earlier one can then neither store its order nor give the key
     * up. A key whose order is stored is never taken over; the write that stores it marks
     * it done on the same row, so the two serialise on that row.
     */
    private static final String TAKE_OVER = """
            UPDATE checkout_requests SET locked_until = now() + :lease * interval '1 millisecond',
                   order_token_sealed = :sealed, attempt = attempt + 1
            WHERE key_hash = :key AND locked_until < now() AND NOT done
            RETURNING order_id, attempt
            """;

    private static final String RELEASE = """
            DELETE FROM checkout_requests WHERE key_hash = :key AND attempt = :attempt AND NOT done
            """;

    private final DatabaseClient database;

    private final Orders orders;

    public R2dbcCheckoutRequests(DatabaseClient database, Orders orders) {
        this.database = database;
        this.orders = orders;
    }

    @Override
    public Mono<Claim> claim(String key, String fingerprint, OrderId orderId, String orderToken, Duration lease) {
        String keyHash = Sha256.hex(key);
        String sealed = seal(key, orderToken);
        Mono<Claim> inserted = database.sql(CLAIM)
            .bind("key", keyHash)
            .bind("fingerprint", fingerprint)
            .bind("orderId", orderId.value())
            .bind("sealed", sealed)
            .bind("lease", lease.toMillis())
            .map(row -> fresh(key, row))
            .one();
        return inserted.switchIfEmpty(Mono.defer(() -> existing(key, keyHash, fingerprint, sealed, lease)));
    }

    private static Claim fresh(String key, Readable row) {
        return new Claim.Fresh(new Attempt(key, new OrderId(row.get("order_id", UUID.class)),
                Objects.requireNonNull(row.get("attempt", Integer.class))));
    }

    private Mono<Claim> existing(String key, String keyHash, String fingerprint, String sealed, Duration lease) {
        return read(keyHash).flatMap(found -> {
            if (!found.fingerprint().equals(fingerprint)) {
                return Mono.just(new Claim.Reused());
            }
            if (found.done()) {
                return replay(key, found).map(Claim.Replay::new);
            }
            if (!found.lapsed()) {
                return Mono.just(new Claim.InFlight());
            }
            return database.sql(TAKE_OVER)
                .bind("key", keyHash)
                .bind("sealed", sealed)
                .bind("lease", lease.toMillis())
                .map(row -> fresh(key, row))
                .one()
                .defaultIfEmpty(new Claim.InFlight());
        })
            // Released between our insert and read: a retry will find it free.
            .defaultIfEmpty(new Claim.InFlight());
    }

    private Mono<Existing> read(String keyHash) {
        return database.sql(EXISTING)
            .bind("key", keyHash)
            .map(row -> new Existing(row.get("fingerprint", String.class), row.get("order_id", UUID.class),
                    Boolean.TRUE.equals(row.get("done", Boolean.class)), row.get("order_token_sealed", String.class),
                    Boolean.TRUE.equals(row.get("lapsed", Boolean.class)),
                    Objects.requireNonNull(row.get("attempt", Integer.class))))
            .one();
    }

    private Mono<PlacedOrder> replay(String key, Existing found) {
        // The order of the attempt that completed the key (the last one).
        OrderId orderId = Attempt.orderOf(new OrderId(found.orderId()), found.attempt());
        return orders.find(orderId)
            .zipWith(orders.clientSecret(orderId).map(Optional::of).defaultIfEmpty(Optional.empty()))
            .map(both -> new PlacedOrder(both.getT1(), unseal(key, found.sealedToken()), both.getT1().payment(),
                    both.getT2().orElse(null)));
    }

    @Override
    public Mono<Boolean> known(String key) {
        return database.sql("SELECT EXISTS (SELECT 1 FROM checkout_requests WHERE key_hash = :key)")
            .bind("key", Sha256.hex(key))
            .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
            .one();
    }

    /**
     * One statement when the attempt still holds the key (the common case: a refused
     * checkout); a second read, which sees whatever committed meanwhile, when it does
     * not.
     */
    @Override
    public Mono<Release> release(Attempt attempt) {
        String keyHash = Sha256.hex(attempt.key());
        return database.sql(RELEASE)
            .bind("key", keyHash)
            .bind("attempt", attempt.number())
            .fetch()
            .rowsUpdated()
            .flatMap(
                    released -> released > 0 ? Mono.just(new Release.Released())
                            : read(keyHash)
                                .flatMap(found -> found.done()
                                        ? replay(attempt.key(), found)
                                            .map(answer -> (Release) new Release.Completed(answer,
                                                    found.attempt() == attempt.number()))
                                        : Mono.just(new Release.Superseded()))
                                // Given up by a later attempt meanwhile.
                                .defaultIfEmpty(new Release.Superseded()));
    }

    /** Forgets keys older than 24 hours; emits how many. */
    public Mono<Long> forgetExpired() {
        return database.sql("DELETE FROM checkout_requests WHERE expires_at < now()").fetch().rowsUpdated();
    }

    private record Existing(String fingerprint, UUID orderId, boolean done, String sealedToken, boolean lapsed,
            int attempt) {
    }

    private static String seal(String key, String token) {
        try {
            byte[] nonce = new byte[12];
            ThreadLocalRandom.current().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, secretFor(key), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, nonce.length);
            System.arraycopy(sealed, 0, stored, nonce.length, sealed.length);
            return Base64.getEncoder().encodeToString(stored);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private static String unseal(String key, String sealed) {
        try {
            byte[] stored = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, secretFor(key), new GCMParameterSpec(128, stored, 0, 12));
            return new String(cipher.doFinal(stored, 12, stored.length - 12), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("the sealed order token does not open with this key", e);
        }
    }

    private static SecretKeySpec secretFor(String key) {
        return new SecretKeySpec(Sha256.digest("surge-order-token|" + key), "AES");
    }

}
