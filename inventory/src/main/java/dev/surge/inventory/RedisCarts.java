package dev.surge.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.surge.checkout.domain.Cart;
import dev.surge.checkout.domain.CartId;
import dev.surge.checkout.domain.CartLine;
import dev.surge.checkout.domain.CountryCode;
import dev.surge.checkout.domain.CustomerId;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.port.Carts;
import dev.surge.checkout.port.ConcurrentCartUpdate;
import dev.surge.checkout.port.StoredCart;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Carts as Redis hashes under {@code <prefix>cart:{<id>}} (hash-tagged, one slot per
 * cart): currency, country, owner, token hash, version and the lines encoded as
 * {@code SKU=qty;SKU=qty}. Every read and write renews the time to live; lines change
 * only through a compare-and-set script on the version, so racing changes never lose one
 * another. A customer's current cart is found through {@code <prefix>cart-of:<sub>}.
 */
final class RedisCarts implements Carts {

    private final RedisCommands redis;

    private final InventoryScripts scripts;

    private final String prefix;

    private final Duration ttl;

    private final Duration timeout;

    RedisCarts(RedisCommands redis, InventoryScripts scripts, String prefix, Duration ttl, Duration timeout) {
        this.redis = redis;
        this.scripts = scripts;
        this.prefix = prefix;
        this.ttl = ttl;
        this.timeout = timeout;
    }

    @Override
    public Mono<StoredCart> create(Cart cart, @Nullable String tokenHash) {
        String[] fields = { String.valueOf(ttl.toMillis()), "currency", cart.currency().getCurrencyCode(), "country",
                cart.country().value(), "owner", cart.owner() == null ? "" : cart.owner().value(), "token",
                tokenHash == null ? "" : tokenHash, "version", "1", "lines", encode(cart.lines()) };
        Mono<List<String>> created = scripts.cartCreate()
            .run(redis.scripting(), new String[] { key(cart.id()) }, fields);
        Mono<StoredCart> stored = created
            .flatMap(answer -> "created".equals(answer.getFirst()) ? Mono.just(new StoredCart(cart, tokenHash, 1))
                    : Mono.error(new IllegalStateException("cart " + cart.id() + " exists already")));
        if (cart.owner() != null) {
            stored = stored.flatMap(result -> redis.strings()
                .psetex(ownerKey(cart.owner()), ttl.toMillis(), cart.id().toString())
                .thenReturn(result));
        }
        return RedisFailures.guarded(stored, timeout, "a cart creation");
    }

    @Override
    public Mono<StoredCart> find(CartId id) {
        String key = key(id);
        Mono<StoredCart> found = scripts.cartRead()
            .run(redis.scripting(), new String[] { key }, String.valueOf(ttl.toMillis()))
            .map(RedisCarts::fields)
            .filter(fields -> fields.containsKey("version"))
            .flatMap(fields -> keepOwnerPointerAlive(fields).thenReturn(stored(id, fields)));
        return RedisFailures.guarded(found, timeout, "a cart read");
    }

    @Override
    public Mono<StoredCart> save(StoredCart stored, Cart next) {
        return save(stored, next, null);
    }

    @Override
    public Mono<StoredCart> saveMerge(StoredCart stored, Cart merged, CartId guest) {
        return save(stored, merged, "merged:" + guest.value());
    }

    /**
     * {@code mergeMarker}: the field that records a guest cart merged, if this is a
     * merge.
     */
    private Mono<StoredCart> save(StoredCart stored, Cart next, @Nullable String mergeMarker) {
        List<String> arguments = new ArrayList<>(
                List.of(String.valueOf(stored.version()), encode(next.lines()), String.valueOf(ttl.toMillis())));
        if (mergeMarker != null) {
            arguments.add(mergeMarker);
        }
        Mono<StoredCart> saved = scripts.cartSave()
            .run(redis.scripting(), new String[] { key(next.id()) }, arguments.toArray(String[]::new))
            .flatMap(answer -> switch (answer.getFirst()) {
                case "saved" -> Mono.just(new StoredCart(next, stored.tokenHash(), Long.parseLong(answer.get(1))));
                case "conflict" -> Mono.error(new ConcurrentCartUpdate("cart " + next.id() + " changed meanwhile"));
                // Another claim merged this guest cart already: the cart as it is now.
                case "merged-before" -> find(next.id());
                default -> Mono.empty();
            });
        return RedisFailures.guarded(saved, timeout, "a cart change");
    }

    @Override
    public Mono<Void> delete(CartId id) {
        return RedisFailures.guarded(redis.keys().del(key(id)).then(), timeout, "a cart deletion");
    }

    @Override
    public Mono<CartId> ownedBy(CustomerId customer) {
        return RedisFailures.guarded(
                redis.strings().get(ownerKey(customer)).map(value -> new CartId(java.util.UUID.fromString(value))),
                timeout, "a cart look-up");
    }

    /**
     * An owned cart's owner pointer expires with the cart (which the read renewed), so it
     * is renewed too.
     */
    private Mono<Void> keepOwnerPointerAlive(Map<String, String> fields) {
        String owner = fields.getOrDefault("owner", "");
        return owner.isEmpty() ? Mono.empty()
                : redis.keys().pexpire(ownerKey(new CustomerId(owner)), ttl.toMillis()).then();
    }

    private static Map<String, String> fields(List<String> flat) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(flat.get(i), flat.get(i + 1));
        }
        return fields;
    }

    private String key(CartId id) {
        return prefix + "cart:{" + id + "}";
    }

    private String ownerKey(CustomerId customer) {
        return prefix + "cart-of:" + customer.value();
    }

    private static StoredCart stored(CartId id, Map<String, String> fields) {
        String owner = fields.getOrDefault("owner", "");
        String token = fields.getOrDefault("token", "");
        Cart cart = new Cart(id, Currency.getInstance(fields.get("currency")), CountryCode.of(fields.get("country")),
                owner.isEmpty() ? null : new CustomerId(owner), decode(fields.getOrDefault("lines", "")));
        return new StoredCart(cart, token.isEmpty() ? null : token, Long.parseLong(fields.get("version")));
    }

    private static String encode(List<CartLine> lines) {
        StringBuilder encoded = new StringBuilder();
        for (CartLine line : lines) {
            if (!encoded.isEmpty()) {
                encoded.append(';');
            }
            encoded.append(line.sku().value()).append('=').append(line.quantity());
        }
        return encoded.toString();
    }

    private static List<CartLine> decode(String encoded) {
        List<CartLine> lines = new ArrayList<>();
        if (!encoded.isEmpty()) {
            for (String line : encoded.split(";")) {
                int equals = line.indexOf('=');
                lines
                    .add(new CartLine(Sku.of(line.substring(0, equals)), Integer.parseInt(line.substring(equals + 1))));
            }
        }
        return lines;
    }

}
