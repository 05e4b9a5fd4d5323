package dev.surge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.port.Quota;
import dev.surge.checkout.port.QuotaVerdict;
import dev.surge.testing.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Quotas on real Redis, single and Cluster: rates pass their burst and then one request
 * per interval, attempt caps count the windows that reached them, a set of quotas is
 * taken all or none, and two instances racing on one quota never grant more than it
 * allows.
 */
class RedisQuotasIT {

    private static final Duration LONG = Duration.ofMinutes(10);

    private InventoryFixture fixture;

    private RedisQuotas quotas;

    private void start(boolean cluster) {
        if (cluster) {
            Assumptions.assumeTrue(TestInfrastructure.redisClusterAvailable(),
                    "no Redis Cluster: set SURGE_TEST_REDIS_CLUSTER or install redis-server (redis-server, redis-cli)");
        }
        fixture = new InventoryFixture(getClass().getSimpleName(), cluster);
        quotas = instance(cluster);
    }

    /** An adapter as another Surge instance has it: its own script handle, same keys. */
    private RedisQuotas instance(boolean cluster) {
        return new RedisQuotas(fixture.redis, InventoryScripts.load(fixture.redis.scripting()).quota(),
                fixture.properties.keyPrefix(), cluster, Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String key(String name) {
        return name + ":" + UUID.randomUUID();
    }

    private QuotaVerdict take(Quota... set) {
        return quotas.take(List.of(set)).block(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void aRatePassesItsBurstAtOnceThenRefusesUntilTheNextInterval(boolean cluster) throws InterruptedException {
        start(cluster);
        var rate = new Quota.Rate(key("checkouts:ip:203.0.113.7"), Duration.ofMillis(400), 5);

        for (int i = 0; i < 5; i++) {
            assertThat(take(rate)).as("request %d of the burst", i + 1).isInstanceOf(QuotaVerdict.Granted.class);
        }
        QuotaVerdict refused = take(rate);
        assertThat(refused).isInstanceOfSatisfying(QuotaVerdict.Refused.class, verdict -> {
            assertThat(verdict.quota()).isEqualTo(rate);
            assertThat(verdict.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(400));
            assertThat(verdict.capsReached()).isZero();
        });

        Thread.sleep(((QuotaVerdict.Refused) refused).retryAfter().toMillis() + 20);
        assertThat(take(rate)).as("one interval later").isInstanceOf(QuotaVerdict.Granted.class);
        assertThat(take(rate)).as("but only one").isInstanceOf(QuotaVerdict.Refused.class);
    }

    @Test
    void aRefusedRateIsRefusedInMemoryUntilItHasRoomWithoutAskingRedisEachTime() throws InterruptedException {
        start(false);
        var rate = new Quota.Rate(key("cart-writes:ip:203.0.113.7"), Duration.ofMillis(800), 2);
        take(rate);
        take(rate);
        var refused = (QuotaVerdict.Refused) take(rate);

        long scriptCallsBefore = scriptCalls();
        for (int i = 0; i < 200; i++) {
            assertThat(take(rate)).isInstanceOfSatisfying(QuotaVerdict.Refused.class,
                    verdict -> assertThat(verdict.retryAfter()).isLessThanOrEqualTo(refused.retryAfter()));
        }
        assertThat(scriptCallsBefore + 200 - scriptCalls()).as("a flood refused without a script call each")
            .isGreaterThan(150);
        assertThat(instance(false).take(List.of(rate)).block()).as("another instance asks Redis: refused too")
            .isInstanceOf(QuotaVerdict.Refused.class);

        Thread.sleep(refused.retryAfter().toMillis() + 20);
        assertThat(take(rate)).as("with room again").isInstanceOf(QuotaVerdict.Granted.class);
    }

    /** Script calls Redis has served so far, every client's. */
    private static long scriptCalls() {
        var client = io.lettuce.core.RedisClient.create(TestInfrastructure.redis().url());
        try (var connection = client.connect()) {
            String stats = connection.sync().info("commandstats");
            var calls = java.util.regex.Pattern.compile("cmdstat_evalsha:calls=(\\d+)").matcher(stats);
            return calls.find() ? Long.parseLong(calls.group(1)) : 0;
        }
        finally {
            client.shutdown();
        }
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void aSetOfQuotasIsTakenAllOrNone(boolean cluster) {
        start(cluster);
        var roomy = new Quota.Rate(key("confirms:sub:ada"), LONG, 3);
        var exhausted = new Quota.Attempts(key("payment-attempts:order"), 1, LONG);
        assertThat(take(exhausted)).isInstanceOf(QuotaVerdict.Granted.class);

        assertThat(take(roomy, exhausted)).isInstanceOfSatisfying(QuotaVerdict.Refused.class,
                verdict -> assertThat(verdict.quota()).isEqualTo(exhausted));

        // On one Redis the refused set counted nothing against the roomy rate: its whole
        // burst is left. On a Cluster its keys live in different slots, taken one call
        // each, so the roomy one taken before the refusal stays counted.
        int left = cluster ? 2 : 3;
        for (int i = 0; i < left; i++) {
            assertThat(take(roomy)).isInstanceOf(QuotaVerdict.Granted.class);
        }
        assertThat(take(roomy)).isInstanceOf(QuotaVerdict.Refused.class);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void attemptsCountTheWindowsThatReachedTheirCap(boolean cluster) throws InterruptedException {
        start(cluster);
        var attempts = new Quota.Attempts(key("payment-attempts:order"), 3, Duration.ofMillis(600));

        for (int i = 0; i < 3; i++) {
            assertThat(take(attempts)).isInstanceOf(QuotaVerdict.Granted.class);
        }
        var first = (QuotaVerdict.Refused) take(attempts);
        assertThat(first.capsReached()).isEqualTo(1);
        assertThat(first.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(600));

        Thread.sleep(first.retryAfter().toMillis() + 20);
        for (int i = 0; i < 3; i++) {
            assertThat(take(attempts)).as("attempt %d after the wait", i + 1).isInstanceOf(QuotaVerdict.Granted.class);
        }
        assertThat(((QuotaVerdict.Refused) take(attempts)).capsReached()).isEqualTo(2);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void twoInstancesRacingOnOneQuotaGrantNoMoreThanItAllows(boolean cluster) {
        start(cluster);
        RedisQuotas other = instance(cluster);
        var rate = new Quota.Rate(key("cart-writes:ip:198.51.100.4"), LONG, 50);

        Map<Class<?>, Long> verdicts = Flux.range(0, 400)
            .flatMap(i -> (i % 2 == 0 ? quotas : other).take(List.of(rate)), 64)
            .collect(Collectors.groupingBy(Object::getClass, Collectors.counting()))
            .block(Duration.ofSeconds(30));

        assertThat(verdicts).containsEntry(QuotaVerdict.Granted.class, 50L)
            .containsEntry(QuotaVerdict.Refused.class, 350L);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = { false, true })
    void anEmptySetIsGrantedWithoutAskingRedis(boolean cluster) {
        start(cluster);
        StepVerifier.create(quotas.take(List.of())).expectNext(new QuotaVerdict.Granted()).verifyComplete();
    }

}
