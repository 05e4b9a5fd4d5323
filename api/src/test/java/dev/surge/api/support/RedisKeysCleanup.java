package dev.surge.api.support;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;

/**
 * Deletes the keys a test application wrote under its own prefix when its context closes,
 * so runs on a long-lived Redis (CI's) leave nothing behind. A lifecycle step, not a
 * destroy callback: it must run after the sweeper and the reconciliation loop have
 * stopped (default phase, stopped first) and before the Redis connection factory does
 * (phase 0).
 */
@TestConfiguration(proxyBeanMethods = false)
class RedisKeysCleanup {

    private static final int AFTER_BACKGROUND_LOOPS_BEFORE_REDIS = 1_000;

    @Bean
    SmartLifecycle deleteTestRedisKeys(ReactiveStringRedisTemplate redis,
            @Value("${surge.inventory.key-prefix}") String keyPrefix) {
        return new SmartLifecycle() {

            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                redis.scan(ScanOptions.scanOptions().match(keyPrefix + "*").count(1_000).build())
                    .buffer(500)
                    .concatMap(keys -> redis.delete(keys.toArray(String[]::new)))
                    .then()
                    .block(Duration.ofMinutes(1));
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return AFTER_BACKGROUND_LOOPS_BEFORE_REDIS;
            }
        };
    }

}
