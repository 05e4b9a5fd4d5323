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
            INSERT INTO checkout_requests (key_hash, fingerprint, order_id, state, locked_until, expires_at)
            VALUES (:key, :fingerprint, :orderId, 'IN_FLIGHT', now() + :lease * interval '1 millisecond',
                    now() + interval '24 hours')
            ON CONFLICT (key_hash) DO UPDATE
                SET fingerprint = EXCLUDED.fingerprint, order_id = EXCLUDED.order_id, state = 'IN_FLIGHT',
                    order_token_sealed = NULL, locked_until = EXCLUDED.locked_until, created_at = now(),
                    expires_at = EXCLUDED.expires_at
                WHERE checkout_requests.expires_at < now()
            RETURNING order_id
            """;

    private static final String TAKE_OVER = """
            UPDATE checkout_requests SET locked_until = now() + :lease * interval '1 millisecond'
            WHERE key_hash = :key AND state = 'IN_FLIGHT' AND locked_until < now()
            RETURNING order_id
            """;

    /** The order's payment and the key's answer, in one statement (one round trip). */
    private static final String COMPLETE = """
            WITH paid AS (
                UPDATE orders SET payment_intent_id = :payment, client_secret = :secret, updated_at = now()
                WHERE id = :orderId
            )
            UPDATE checkout_requests SET state = 'COMPLETED', order_token_sealed = :sealed WHERE key_hash = :key
            """;

    private final DatabaseClient database;

    private final Orders orders;

    public R2dbcCheckoutRequests(DatabaseClient database, Orders orders) {
        this.database = database;
        this.orders = orders;
    }

    @Override
    public Mono<Claim> claim(String key, String fingerprint, OrderId orderId, Duration lease) {
        String keyHash = Sha256.hex(key);
        Mono<Claim> inserted = database.sql(CLAIM)
            .bind("key", keyHash)
            .bind("fingerprint", fingerprint)
            .bind("orderId", orderId.value())
            .bind("lease", lease.toMillis())
            .map(row -> (Claim) new Claim.Fresh(new OrderId(row.get("order_id", UUID.class))))
            .one();
        return inserted.switchIfEmpty(Mono.defer(() -> existing(key, keyHash, fingerprint, lease)));
    }

    private Mono<Claim> existing(String key, String keyHash, String fingerprint, Duration lease) {
        return database
            .sql("SELECT fingerprint, order_id, state, order_token_sealed, locked_until < now() AS lapsed "
                    + "FROM checkout_requests WHERE key_hash = :key")
            .bind("key", keyHash)
            .map(row -> new Existing(row.get("fingerprint", String.class), row.get("order_id", UUID.class),
                    row.get("state", String.class), row.get("order_token_sealed", String.class),
                    Boolean.TRUE.equals(row.get("lapsed", Boolean.class))))
            .one()
            .flatMap(found -> {
                if (!found.fingerprint().equals(fingerprint)) {
                    return Mono.just(new Claim.Reused());
                }
                if ("COMPLETED".equals(found.state())) {
                    return replay(key, found);
                }
                if (!found.lapsed()) {
                    return Mono.just(new Claim.InFlight());
                }
                return database.sql(TAKE_OVER)
                    .bind("key", keyHash)
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
    public Mono<Void> complete(String key, PlacedOrder answer) {
        return database.sql(COMPLETE)
            .bind("key", Sha256.hex(key))
            .bind("sealed", seal(key, answer.orderToken()))
            .bind("orderId", answer.order().id().value())
            .bind("payment", answer.payment().value())
            .bind("secret", answer.clientSecret() == null ? "" : answer.clientSecret())
            .fetch()
            .rowsUpdated()
            .then();
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
        return database.sql("DELETE FROM checkout_requests WHERE key_hash = :key AND state = 'IN_FLIGHT'")
            .bind("key", Sha256.hex(key))
            .fetch()
            .rowsUpdated()
            .then();
    }

    /** Forgets keys older than 24 hours; emits how many. */
    public Mono<Long> forgetExpired() {
        return database.sql("DELETE FROM checkout_requests WHERE expires_at < now()").fetch().rowsUpdated();
    }

    private record Existing(String fingerprint, UUID orderId, String state, String sealedToken, boolean lapsed) {
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
