package dev.surge.api.persistence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
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
                    created_at = now(), expires_at = EXCLUDED.expires_at
                WHERE checkout_requests.expires_at < now()
            RETURNING order_id
            """;

    /** Whether the key's order is stored with its payment: the request is then done. */
    private static final String ORDER_STORED = """
            EXISTS (SELECT 1 FROM orders o WHERE o.id = r.order_id AND o.payment_intent_id IS NOT NULL)""";

    private static final String EXISTING = """
            SELECT r.fingerprint, r.order_id, r.order_token_sealed, r.locked_until < now() AS lapsed,
                   %s AS done
            FROM checkout_requests r WHERE r.key_hash = :key
            """.formatted(ORDER_STORED);

    private static final String TAKE_OVER = """
            UPDATE checkout_requests r SET locked_until = now() + :lease * interval '1 millisecond',
                   order_token_sealed = :sealed
            WHERE r.key_hash = :key AND r.locked_until < now() AND NOT %s
            RETURNING r.order_id
            """.formatted(ORDER_STORED);

    private static final String RELEASE = """
            DELETE FROM checkout_requests r WHERE r.key_hash = :key AND NOT %s
            """.formatted(ORDER_STORED);

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
            .map(row -> (Claim) new Claim.Fresh(new OrderId(row.get("order_id", UUID.class))))
            .one();
        return inserted.switchIfEmpty(Mono.defer(() -> existing(key, keyHash, fingerprint, sealed, lease)));
    }

    private Mono<Claim> existing(String key, String keyHash, String fingerprint, String sealed, Duration lease) {
        return database.sql(EXISTING)
            .bind("key", keyHash)
            .map(row -> new Existing(row.get("fingerprint", String.class), row.get("order_id", UUID.class),
                    Boolean.TRUE.equals(row.get("done", Boolean.class)), row.get("order_token_sealed", String.class),
                    Boolean.TRUE.equals(row.get("lapsed", Boolean.class))))
            .one()
            .flatMap(found -> {
                if (!found.fingerprint().equals(fingerprint)) {
                    return Mono.just(new Claim.Reused());
                }
                if (found.done()) {
                    return replay(key, found);
                }
                if (!found.lapsed()) {
                    return Mono.just(new Claim.InFlight());
                }
                return database.sql(TAKE_OVER)
                    .bind("key", keyHash)
                    .bind("sealed", sealed)
                    .bind("lease", lease.toMillis())
                    .map(row -> (Claim) new Claim.Fresh(new OrderId(row.get("order_id", UUID.class))))
                    .one()
                    .defaultIfEmpty(new Claim.InFlight());
            })
            // Released between our insert and read: a retry will find it free.
            .defaultIfEmpty(new Claim.InFlight());
    }

    private Mono<Claim> replay(String key, Existing found) {
        OrderId orderId = new OrderId(found.orderId());
        return orders.find(orderId)
            .zipWith(
                    orders.clientSecret(orderId).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
            .map(both -> new Claim.Replay(new PlacedOrder(both.getT1(), unseal(key, found.sealedToken()),
                    both.getT1().payment(), both.getT2().orElse(null))));
    }

    @Override
    public Mono<Boolean> known(String key) {
        return database.sql("SELECT EXISTS (SELECT 1 FROM checkout_requests WHERE key_hash = :key)")
            .bind("key", Sha256.hex(key))
            .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
            .one();
    }

    @Override
    public Mono<Void> release(String key) {
        return database.sql(RELEASE).bind("key", Sha256.hex(key)).fetch().rowsUpdated().then();
    }

    /** Forgets keys older than 24 hours; emits how many. */
    public Mono<Long> forgetExpired() {
        return database.sql("DELETE FROM checkout_requests WHERE expires_at < now()").fetch().rowsUpdated();
    }

    private record Existing(String fingerprint, UUID orderId, boolean done, String sealedToken, boolean lapsed) {
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
