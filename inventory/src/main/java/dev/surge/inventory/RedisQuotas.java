package dev.surge.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.surge.checkout.port.Quota;
import dev.surge.checkout.port.QuotaVerdict;
import dev.surge.checkout.port.Quotas;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Quotas in Redis, taken by one script call ({@code quota.lua}) that checks and counts
 * every quota of the request atomically, on Redis's clock: one round trip, however many
 * quotas, and the same count for every Surge instance. On a single Redis all quota keys
 * share one hash tag, so any set goes in one call; on a Redis Cluster each key has its
 * own slot, so the quotas are taken one call each, in order, and those taken before a
 * refusing one stay counted.
 *
 * <p>
 * A rate that refused a caller is remembered in memory until it has room again: a client
 * flooding one instance is refused there without a Redis call each time. It refuses
 * nothing Redis would grant (a refused request changes nothing in Redis, and other
 * requests can only push the moment the rate has room further away), but for the reply's
 * own latency (the moment is counted from the answer's arrival) and, after Redis lost the
 * rate's key, for at most that one retry-after. Bounded (the most recent
 * {@value #REMEMBERED_REFUSALS} refused callers), so a flood from many addresses costs
 * memory it cannot grow.
 */
final class RedisQuotas implements Quotas {

    private static final String SINGLE_SLOT = "q";

    static final int REMEMBERED_REFUSALS = 100_000;

    /** A refused rate's key to when it has room again, {@link System#nanoTime()}. */
    private final Cache<String, Long> refusedUntil = Caffeine.newBuilder()
        .maximumSize(REMEMBERED_REFUSALS)
        .expireAfter(Expiry.<String, Long>creating((key, until) -> Duration.ofNanos(until - System.nanoTime())))
        .build();

    private final RedisCommands redis;

    private final InventoryScripts.Script script;

    private final String prefix;

    private final boolean cluster;

    private final Duration timeout;

    RedisQuotas(RedisCommands redis, InventoryScripts.Script script, String prefix, boolean cluster, Duration timeout) {
        this.redis = redis;
        this.script = script;
        this.prefix = prefix;
        this.cluster = cluster;
        this.timeout = timeout;
    }

    @Override
    public Mono<QuotaVerdict> take(List<Quota> quotas) {
        if (quotas.isEmpty()) {
            return Mono.just(new QuotaVerdict.Granted());
        }
        for (Quota quota : quotas) {
            Long until = quota instanceof Quota.Rate ? refusedUntil.getIfPresent(quota.key()) : null;
            long left = until == null ? 0 : until - System.nanoTime();
            if (left > 0) {
                return Mono.just(new QuotaVerdict.Refused(quota, Duration.ofNanos(left), 0));
            }
        }
        Map<String, List<Quota>> bySlot = new LinkedHashMap<>();
        for (Quota quota : quotas) {
            bySlot.computeIfAbsent(cluster ? quota.key() : SINGLE_SLOT, slot -> new ArrayList<>()).add(quota);
        }
        Mono<QuotaVerdict> verdict = Flux.fromIterable(bySlot.entrySet())
            .concatMap(slot -> takeInOneCall(slot.getKey(), slot.getValue()))
            .filter(QuotaVerdict.Refused.class::isInstance)
            .next()
            .defaultIfEmpty(new QuotaVerdict.Granted());
        return RedisFailures.guarded(verdict, timeout, "a quota check");
    }

    private Mono<QuotaVerdict> takeInOneCall(String tag, List<Quota> quotas) {
        String[] keys = new String[quotas.size()];
        String[] args = new String[quotas.size() * 3];
        for (int i = 0; i < quotas.size(); i++) {
            Quota quota = quotas.get(i);
            keys[i] = prefix + "quota:{" + tag + "}:" + quota.key();
            switch (quota) {
                case Quota.Rate rate -> {
                    args[3 * i] = "rate";
                    args[3 * i + 1] = Long.toString(Math.max(1, rate.interval().toMillis()));
                    args[3 * i + 2] = Integer.toString(rate.burst());
                }
                case Quota.Attempts attempts -> {
                    args[3 * i] = "attempts";
                    args[3 * i + 1] = Integer.toString(attempts.cap());
                    args[3 * i + 2] = Long.toString(Math.max(1, attempts.window().toMillis()));
                }
            }
        }
        return script.run(redis.scripting(), keys, args).map(answer -> verdict(answer, quotas)).doOnNext(verdict -> {
            if (verdict instanceof QuotaVerdict.Refused refused && refused.quota() instanceof Quota.Rate rate) {
                refusedUntil.put(rate.key(), System.nanoTime() + refused.retryAfter().toNanos());
            }
        });
    }

    private static QuotaVerdict verdict(List<String> answer, List<Quota> quotas) {
        if ("1".equals(answer.getFirst())) {
            return new QuotaVerdict.Granted();
        }
        return new QuotaVerdict.Refused(quotas.get(Integer.parseInt(answer.get(1)) - 1),
                Duration.ofMillis(Long.parseLong(answer.get(2))), Integer.parseInt(answer.get(3)));
    }

}
