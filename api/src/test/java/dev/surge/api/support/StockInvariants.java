package dev.surge.api.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The invariant checker of issue #15's fault suite: while a fault test runs it samples
 * each store every 100 ms, and {@link #checkQuiet()} compares both once load has stopped.
 * In Redis (one atomic script per sample): each SKU's held units equal what its live
 * holds add up to, and nothing is negative. In PostgreSQL: on hand is never negative and
 * every sale is tallied once (units sold = units in sale records). Once quiet: Redis's
 * counters equal the stock of record and nothing is held. A store that is down or empty
 * (a Redis restarting) is skipped for that sample, not counted as a violation.
 */
public final class StockInvariants implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(100);

    /**
     * Per SKU: onHand, reserved, sold (as stored, '' when absent) and the units its live
     * holds add up to, read from every hold record the sweeper would find (single Redis).
     */
    private static final String REDIS_SAMPLE = """
            local prefix = ARGV[1]
            local heldBySku = {}
            for _, tag in ipairs(redis.call('SMEMBERS', prefix .. 'inv:expiring-tags')) do
              local index = prefix .. 'inv:{' .. tag .. '}:expiring'
              for _, id in ipairs(redis.call('ZRANGE', index, 0, -1)) do
                local hold = redis.call('HMGET', prefix .. 'inv:{' .. tag .. '}:res:' .. id, 'state', 'lines')
                if hold[1] == 'HELD' then
                  for sku, quantity in string.gmatch(hold[2], '([^,]+):(%d+)') do
                    heldBySku[sku] = (heldBySku[sku] or 0) + tonumber(quantity)
                  end
                end
              end
            end
            local answer = {}
            for i = 2, #ARGV do
              local stock = redis.call('HMGET', prefix .. 'inv:{' .. ARGV[i] .. '}', 'onHand', 'reserved', 'sold')
              answer[#answer + 1] = stock[1] or ''
              answer[#answer + 1] = stock[2] or '0'
              answer[#answer + 1] = stock[3] or '0'
              answer[#answer + 1] = tostring(heldBySku[ARGV[i]] or 0)
            end
            return answer
            """;

    private static final String RECORD_SAMPLE = """
            SELECT s.sku, s.on_hand, s.sold,
                   coalesce((SELECT sum(c.quantity) FROM stock_commits c WHERE c.sku = s.sku), 0)::int AS recorded
            FROM stock_levels s WHERE s.sku = ANY(:skus) ORDER BY s.sku
            """;

    private final RedisClient redisClient;

    private final StatefulRedisConnection<String, String> redis;

    private final String keyPrefix;

    private final DatabaseClient database;

    private final List<String> skus;

    private final Queue<String> violations = new ConcurrentLinkedQueue<>();

    private final AtomicInteger redisSamples = new AtomicInteger();

    private final AtomicInteger recordSamples = new AtomicInteger();

    private final Thread sampler;

    private volatile boolean running = true;

    private StockInvariants(String redisUrl, String keyPrefix, DatabaseClient database, List<String> skus) {
        this.redisClient = RedisClient.create(redisUrl);
        this.redis = redisClient.connect();
        this.redis.setTimeout(Duration.ofSeconds(1));
        this.keyPrefix = keyPrefix;
        this.database = database;
        this.skus = List.copyOf(skus);
        this.sampler = Thread.ofVirtual().name("stock-invariants").start(this::sampleUntilClosed);
    }

    /** Starts sampling the SKUs' stock in both stores. */
    public static StockInvariants watch(String redisUrl, String keyPrefix, DatabaseClient database, List<String> skus) {
        return new StockInvariants(redisUrl, keyPrefix, database, skus);
    }

    /** Every broken invariant seen so far, with what was read. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /**
     * How many samples each store answered (a check that sampled nothing proves nothing).
     */
    public int redisSamples() {
        return redisSamples.get();
    }

    public int recordSamples() {
        return recordSamples.get();
    }

    /**
     * Both stores together, once load has stopped and holds have ended: the broken
     * invariants, none when Redis's counters equal the stock of record and nothing is
     * held.
     */
    public List<String> checkQuiet() {
        Map<String, RedisStock> counters = redisSample();
        List<String> broken = new ArrayList<>();
        for (RecordedStock recorded : recordSample()) {
            RedisStock counter = counters.get(recorded.sku());
            if (counter == null || counter.onHand() == null) {
                broken.add(recorded.sku() + ": no counter in Redis");
            }
            else if (counter.onHand() != recorded.onHand() || counter.sold() != recorded.sold()
                    || counter.reserved() != 0) {
                broken.add(recorded.sku() + ": Redis " + counter + " against the record " + recorded
                        + " with nothing held");
            }
        }
        return broken;
    }

    @Override
    public void close() {
        running = false;
        try {
            sampler.join(Duration.ofSeconds(5));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        redis.close();
        redisClient.shutdown();
    }

    private void sampleUntilClosed() {
        while (running) {
            try {
                redisSample().values().forEach(this::check);
                redisSamples.incrementAndGet();
            }
            catch (RuntimeException redisDown) {
                // Down or restarting: the fault under test, nothing to sample.
            }
            try {
                recordSample().forEach(this::check);
                recordSamples.incrementAndGet();
            }
            catch (RuntimeException unreachable) {
                // Not the store under test; the next sample tries again.
            }
            try {
                Thread.sleep(EVERY);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void check(RedisStock counter) {
        if (counter.onHand() == null) {
            return;
        }
        if (counter.reserved() != counter.heldByHolds() || counter.reserved() < 0 || counter.sold() < 0
                || counter.onHand() < 0 || counter.onHand() - counter.reserved() < 0) {
            violations.add("Redis " + counter);
        }
    }

    private void check(RecordedStock recorded) {
        if (recorded.onHand() < 0 || recorded.sold() != recorded.unitsInSaleRecords()) {
            violations.add("PostgreSQL " + recorded);
        }
    }

    private Map<String, RedisStock> redisSample() {
        List<String> arguments = new ArrayList<>(List.of(keyPrefix));
        arguments.addAll(skus);
        List<String> values = redis.sync()
            .eval(REDIS_SAMPLE, ScriptOutputType.MULTI, new String[0], arguments.toArray(String[]::new));
        Map<String, RedisStock> bySku = new java.util.LinkedHashMap<>();
        for (int i = 0; i < skus.size(); i++) {
            String onHand = values.get(4 * i);
            bySku.put(skus.get(i),
                    new RedisStock(skus.get(i), onHand.isEmpty() ? null : Integer.valueOf(onHand),
                            Integer.parseInt(values.get(4 * i + 1)), Integer.parseInt(values.get(4 * i + 2)),
                            Integer.parseInt(values.get(4 * i + 3))));
        }
        return bySku;
    }

    private List<RecordedStock> recordSample() {
        return database.sql(RECORD_SAMPLE)
            .bind("skus", skus.toArray(String[]::new))
            .map(row -> new RecordedStock(row.get("sku", String.class), row.get("on_hand", Integer.class),
                    row.get("sold", Long.class), row.get("recorded", Integer.class)))
            .all()
            .collectList()
            .block(Duration.ofSeconds(5));
    }

    /** A SKU's counters in Redis ({@code onHand} null: not loaded) and its live holds. */
    record RedisStock(String sku, Integer onHand, int reserved, long sold, int heldByHolds) {
    }

    /** A SKU's stock of record and the units its sale records add up to. */
    record RecordedStock(String sku, int onHand, long sold, int unitsInSaleRecords) {
    }

}
